/** A MARC record as the importer reads it, whatever the file format. Pure helpers. */

interface Subfield {
  code: string;
  value: string;
}
interface ControlField {
  tag: string;
  value: string;
}
export interface DataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: Subfield[];
}
export type Field = ControlField | DataField;

export interface MarcRecord {
  leader: string;
  fields: Field[];
}

/** A record read from a file, or why it could not be: the file's record number counts from 1. */
export type ReadResult =
  { ok: true; number: number; record: MarcRecord } | { ok: false; number: number; problem: string };

export const isControlField = (tag: string): boolean => /^00\d$/.test(tag);
export const isDataField = (f: Field): f is DataField => "subfields" in f;

export function controlValue(rec: MarcRecord, tag: string): string | null {
  for (const f of rec.fields) if (f.tag === tag && !isDataField(f)) return f.value;
  return null;
}

export function dataFields(rec: MarcRecord, ...tags: string[]): DataField[] {
  return rec.fields.filter((f): f is DataField => isDataField(f) && tags.includes(f.tag));
}

export function subfieldValues(f: DataField, codes: string): string[] {
  return f.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value);
}

export function firstSubfield(f: DataField | undefined, code: string): string | null {
  return f?.subfields.find((s) => s.code === code)?.value ?? null;
}
