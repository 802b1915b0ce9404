// marcjs ships no types; this declares the part of its API the bench uses.
declare module "marcjs" {
  export interface MarcjsRecord {
    leader: string;
    fields: string[][];
  }
  export class Iso2709Parser {
    /** parses one record's bytes, terminator included */
    static parse(data: Buffer): MarcjsRecord;
  }
}
