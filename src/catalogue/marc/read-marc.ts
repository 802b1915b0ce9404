import { readIso2709 } from "./iso2709.js";
import { readMarcXml } from "./marcxml.js";
import type { ReadResult } from "./record.js";

type MarcFormat = "iso2709" | "marcxml";

/** Chooses by content, not by file name: XML starts with "<" (after a BOM or blanks), ISO 2709 with five digits. */
export function detectFormat(file: Uint8Array): MarcFormat | null {
  let at = 0;
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) at = 3;
  while (at < file.length && [0x20, 0x09, 0x0a, 0x0d].includes(file[at] as number)) at += 1;
  if (file[at] === 0x3c) return "marcxml";
  if (/^\d{5}$/.test(String.fromCharCode(...file.subarray(at, at + 5)))) return "iso2709";
  return null;
}

export function readMarc(file: Uint8Array, format: MarcFormat): Generator<ReadResult> {
  return format === "marcxml" ? readMarcXml(file) : readIso2709(file);
}
