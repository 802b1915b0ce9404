import { isDataField, type MarcRecord } from "./record.js";

/** What JSON.stringify escapes in a string; a surrogate pair, which it does not, only takes the long way. */
// eslint-disable-next-line no-control-regex -- control characters are among what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without the call for the usual string, which needs no escape. */
const q = (s: string): string => (ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

/**
 * MARC-in-JSON (the format of the Library of Congress's MARC-JSON proposal used by marcjs and
 * pymarc). Written out by hand rather than built as objects for JSON.stringify, as it runs for
 * every imported record; the text is the same to the byte (a record's key may be its hash).
 */
export function toMarcJson(rec: MarcRecord): string {
  let out = `{"leader":${q(rec.leader)},"fields":[`;
  for (let i = 0; i < rec.fields.length; i++) {
    const f = rec.fields[i]!;
    if (i > 0) out += ",";
    if (!isDataField(f)) {
      out += `{${q(f.tag)}:${q(f.value)}}`;
      continue;
    }
    out += `{${q(f.tag)}:{"ind1":${q(f.ind1)},"ind2":${q(f.ind2)},"subfields":[`;
    for (let j = 0; j < f.subfields.length; j++) {
      const s = f.subfields[j]!;
      out += `${j > 0 ? "," : ""}{${q(s.code)}:${q(s.value)}}`;
    }
    out += "]}}";
  }
  return `${out}]}`;
}
