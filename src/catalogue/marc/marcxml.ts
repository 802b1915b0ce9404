import { isControlField, type DataField, type Field, type MarcRecord, type ReadResult } from "./record.js";

/**
 * MARCXML reading. marcjs's MARCXML parser reads elements at fixed character offsets, so it
 * fails on namespace prefixes ("marc:record"), other attribute orders and self-closed
 * subfields, all common in real files; this reader takes elements by name, prefix or not, and
 * checks each record on its own.
 */

const name = (local: string) => `(?:[A-Za-z_][\\w.-]*:)?${local}`;
const RECORD = new RegExp(`<${name("record")}(?:\\s[^>]*)?>([\\s\\S]*?)(</${name("record")}\\s*>|$)`, "g");
const ELEMENT = new RegExp(
  `<(${name("leader")}|${name("controlfield")}|${name("datafield")})(\\s[^>]*)?(?:/>|>([\\s\\S]*?)</\\1\\s*>)`,
  "g",
);
const SUBFIELD = new RegExp(`<(${name("subfield")})(\\s[^>]*)?(?:/>|>([\\s\\S]*?)</\\1\\s*>)`, "g");
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}

function attributes(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (raw ?? "").matchAll(ATTRIBUTE)) out[m[1] as string] = decodeXmlText(m[2] ?? m[3] ?? "");
  return out;
}

class RecordProblem extends Error {}

function parseRecord(body: string): MarcRecord {
  let leader: string | null = null;
  const fields: Field[] = [];
  for (const m of body.matchAll(ELEMENT)) {
    const element = (m[1] as string).replace(/^.*:/, "");
    const attrs = attributes(m[2]);
    const content = m[3] ?? "";
    if (element === "leader") {
      leader = decodeXmlText(content);
      continue;
    }
    const tag = attrs.tag ?? "";
    if (!/^[0-9A-Za-z]{3}$/.test(tag)) throw new RecordProblem(`has a ${element} with an invalid tag "${tag}"`);
    if (element === "controlfield") {
      if (!isControlField(tag)) throw new RecordProblem(`has a control field with the data field tag ${tag}`);
      fields.push({ tag, value: decodeXmlText(content) });
      continue;
    }
    const field: DataField = { tag, ind1: attrs.ind1 ?? " ", ind2: attrs.ind2 ?? " ", subfields: [] };
    for (const ind of [field.ind1, field.ind2]) {
      if (!/^[0-9a-z #]$/.test(ind)) throw new RecordProblem(`has field ${tag} with an invalid indicator "${ind}"`);
    }
    if (field.ind1 === "#") field.ind1 = " ";
    if (field.ind2 === "#") field.ind2 = " ";
    for (const s of content.matchAll(SUBFIELD)) {
      const code = attributes(s[2]).code ?? "";
      if (!/^[0-9a-z]$/i.test(code)) {
        throw new RecordProblem(`has field ${tag} with an invalid subfield code "${code}"`);
      }
      field.subfields.push({ code, value: decodeXmlText(s[3] ?? "").normalize("NFC") });
    }
    fields.push(field);
  }
  if (leader === null) throw new RecordProblem("has no leader");
  if (leader.length !== 24) throw new RecordProblem(`has a leader of ${leader.length} characters instead of 24`);
  return { leader, fields };
}

/** Reads every record of a MARCXML file (a collection or a single record). */
export function* readMarcXml(file: Uint8Array): Generator<ReadResult> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    yield { ok: false, number: 1, problem: "is in a file that is not valid UTF-8 (MARCXML must be UTF-8 here)" };
    return;
  }
  let number = 0;
  for (const m of text.matchAll(RECORD)) {
    number += 1;
    if (!m[2]) {
      yield { ok: false, number, problem: "is cut off: the file ends before </record> (truncated)" };
      return;
    }
    try {
      yield { ok: true, number, record: parseRecord(m[1] as string) };
    } catch (err) {
      if (!(err instanceof RecordProblem)) throw err;
      yield { ok: false, number, problem: err.message };
    }
  }
}
