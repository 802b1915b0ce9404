import { isDataField, type MarcRecord } from "./record.js";

/** MARC-in-JSON (the format of the Library of Congress's MARC-JSON proposal used by marcjs and pymarc). */
export function toMarcJson(rec: MarcRecord): string {
  return JSON.stringify({
    leader: rec.leader,
    fields: rec.fields.map((f) =>
      isDataField(f)
        ? { [f.tag]: { ind1: f.ind1, ind2: f.ind2, subfields: f.subfields.map((s) => ({ [s.code]: s.value })) } }
        : { [f.tag]: f.value },
    ),
  });
}
