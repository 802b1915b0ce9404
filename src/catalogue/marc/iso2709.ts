import { isUtf8 } from "node:buffer";
import { decodeMarc8, Marc8Error } from "./marc8.js";
import { isControlField, type DataField, type Field, type MarcRecord, type ReadResult } from "./record.js";

/**
 * ISO 2709 reading. marcjs's reader decodes every record as UTF-8 before looking at leader/09
 * and trusts the leader and directory blindly (a truncated record or a wrong length becomes
 * garbage or an exception), so records are split, checked and decoded here; each problem is
 * reported for its record and the reader goes on with the next.
 */

const RECORD_END = 0x1d;
const FIELD_END = 0x1e;
const SUBFIELD = 0x1f;

class RecordProblem extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A field's or subfield's bytes as text; its tag and code only name it in a problem. */
type FieldDecoder = (bytes: Uint8Array, tag: string, code: string | null) => string;

/** Said only when a field cannot be read: made for every subfield, it was garbage almost always. */
const fieldName = (tag: string, code: string | null): string =>
  code === null ? `field ${tag}` : `field ${tag} $${code}`;

/** Whether every byte is below 0x80 (and not ESC, which MARC-8 reads as an escape). */
function plainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x7f || b === 0x1b) return false;
  }
  return true;
}

/**
 * Bytes below 0x80 as the string they spell; one call for a short subfield, where TextDecoder's
 * per-call cost is most of the work.
 */
function asciiString(bytes: Uint8Array): string {
  if (bytes.length <= 1024) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

// Top-level functions, not closures made per record: they run for every subfield.
function decodeUtf8(bytes: Uint8Array, tag: string, code: string | null): string {
  // plain ASCII is valid UTF-8 and already NFC
  if (plainAscii(bytes)) return asciiString(bytes);
  try {
    return utf8.decode(bytes).normalize("NFC");
  } catch {
    throw new RecordProblem(`${fieldName(tag, code)} is not valid UTF-8 (the leader declares UTF-8)`);
  }
}

function decodeMarc8Field(bytes: Uint8Array, tag: string, code: string | null): string {
  // no escape and no byte above ASCII: MARC-8 means the bytes themselves
  if (plainAscii(bytes)) return asciiString(bytes);
  try {
    return decodeMarc8(bytes);
  } catch (err) {
    if (err instanceof Marc8Error) throw new RecordProblem(`${fieldName(tag, code)} ${err.message}`);
    throw err;
  }
}

/** leader/09 "a" is UTF-8; blank is MARC-8, unless the bytes are plainly UTF-8 (mislabelled exports). */
function chooseDecoder(leader: string, body: Uint8Array): FieldDecoder {
  if (leader[9] === "a") return decodeUtf8;
  let high = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i] as number;
    if (b === 0x1b) return decodeMarc8Field;
    if (b >= 0x80) high = true;
  }
  return high && isUtf8(body) ? decodeUtf8 : decodeMarc8Field;
}

/** The number written in ASCII digits at bytes[from, to), or null: read by hand, as it runs for every directory entry. */
const digits = (bytes: Uint8Array, from: number, to: number): number | null => {
  if (to <= from || to > bytes.length) return null;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (bytes[i] as number) - 0x30;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n;
};

const isAlnum = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

function parseRecord(bytes: Uint8Array): MarcRecord {
  if (bytes.length < 24) throw new RecordProblem(`is ${bytes.length} bytes long, shorter than a leader (24)`);
  const leader = String.fromCharCode(...bytes.subarray(0, 24));
  if (/[^\x20-\x7e]/.test(leader)) throw new RecordProblem("has a leader with characters that are not ASCII");
  const declared = digits(bytes, 0, 5);
  if (declared === null)
    throw new RecordProblem(`has a leader whose record length "${leader.slice(0, 5)}" is not a number`);
  if (declared !== bytes.length) {
    throw new RecordProblem(
      `has a leader that gives a length of ${declared} bytes, but the record has ${bytes.length}`,
    );
  }
  const base = digits(bytes, 12, 17);
  if (base === null)
    throw new RecordProblem(`has a leader whose base address "${leader.slice(12, 17)}" is not a number`);
  if (base < 25 || base > bytes.length || bytes[base - 1] !== FIELD_END || (base - 25) % 12 !== 0) {
    throw new RecordProblem(`has a base address of data (${base}) that does not end the directory`);
  }
  const decode = chooseDecoder(leader, bytes.subarray(base));
  const fields: Field[] = [];
  for (let at = 24; at < base - 1; at += 12) {
    const tag = String.fromCharCode(bytes[at] as number, bytes[at + 1] as number, bytes[at + 2] as number);
    const length = digits(bytes, at + 3, at + 7);
    const start = digits(bytes, at + 7, at + 12);
    if (!isAlnum(bytes[at] as number) || !isAlnum(bytes[at + 1] as number) || !isAlnum(bytes[at + 2] as number))
      throw new RecordProblem(`has a directory entry with an invalid tag "${tag}"`);
    if (length === null || start === null || base + start + length > bytes.length - 1 || length < 1) {
      throw new RecordProblem(`has a directory entry for field ${tag} that points outside the record`);
    }
    const data = bytes.subarray(base + start, base + start + length);
    if (data[data.length - 1] !== FIELD_END) throw new RecordProblem(`has field ${tag} without its field terminator`);
    const content = data.subarray(0, data.length - 1);
    if (isControlField(tag)) {
      fields.push({ tag, value: decode(content, tag, null) });
      continue;
    }
    fields.push(parseDataField(tag, content, decode));
  }
  return { leader, fields };
}

/** MARC documentation writes a blank indicator as "#", and some systems export it literally. */
function indicator(tag: string, byte: number): string {
  if (byte === 0x23) return " ";
  if (byte !== 0x20 && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x61 && byte <= 0x7a)) {
    throw new RecordProblem(`has field ${tag} with an invalid indicator (byte 0x${byte.toString(16).toUpperCase()})`);
  }
  return String.fromCharCode(byte);
}

function parseDataField(tag: string, content: Uint8Array, decode: FieldDecoder): DataField {
  if (content.length < 2) throw new RecordProblem(`has field ${tag} without indicators`);
  const [ind1, ind2] = [indicator(tag, content[0] as number), indicator(tag, content[1] as number)];
  const field: DataField = { tag, ind1, ind2, subfields: [] };
  // Text between the indicators and the first delimiter belongs to no subfield; like pymarc,
  // it is dropped rather than the whole record refused (some ILS exports write it).
  let at = content.indexOf(SUBFIELD, 2);
  if (at === -1) at = content.length;
  while (at < content.length) {
    let end = content.indexOf(SUBFIELD, at + 1);
    if (end === -1) end = content.length;
    const code = content[at + 1];
    // a subfield delimiter right before the field terminator carries nothing: some exports leave one
    if (code === undefined) break;
    if (!isAlnum(code)) {
      throw new RecordProblem(
        `has field ${tag} with an invalid subfield code (byte 0x${code.toString(16).toUpperCase()})`,
      );
    }
    const c = String.fromCharCode(code);
    field.subfields.push({ code: c, value: decode(content.subarray(at + 2, end), tag, c) });
    at = end;
  }
  return field;
}

/** Reads every record of an ISO 2709 file, each parsed or with the reason it was not. */
export function* readIso2709(file: Uint8Array): Generator<ReadResult> {
  let start = 0;
  let number = 0;
  while (start < file.length) {
    // line breaks between records (some exports add them) belong to no record
    while (file[start] === 0x0a || file[start] === 0x0d) start += 1;
    if (start >= file.length) break;
    const end = file.indexOf(RECORD_END, start);
    const chunk = file.subarray(start, end === -1 ? file.length : end + 1);
    // padding after the last record (spaces, newlines, NULs) is not a record
    if (end === -1 && chunk.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x00)) break;
    number += 1;
    if (end === -1) {
      yield { ok: false, number, problem: `is cut off: the file ends after ${chunk.length} bytes of it (truncated)` };
      break;
    }
    try {
      yield { ok: true, number, record: parseRecord(chunk) };
    } catch (err) {
      if (!(err instanceof RecordProblem)) throw err;
      yield { ok: false, number, problem: err.message };
    }
    start = end + 1;
  }
}
