import { isDataField, type MarcRecord } from "./record.js";

const q = JSON.stringify;

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
