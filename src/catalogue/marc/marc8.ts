import {
  ANSEL_COMBINING,
  ANSEL_SPACING,
  CYRILLIC,
  GREEK_SYMBOLS,
  HEBREW,
  HEBREW_COMBINING,
  SUBSCRIPT,
  SUPERSCRIPT,
} from "./marc8-tables.js";

/**
 * MARC-8 -> Unicode (NFC). No maintained JavaScript MARC library converts MARC-8, so this one
 * is ours. It covers the sets met in library exports of European, Cyrillic and Hebrew material:
 * ASCII, ANSEL (Latin letters and diacritics), Basic Hebrew, Basic Cyrillic, superscripts,
 * subscripts and the Greek symbols. A record that switches to another set (CJK, Arabic, Greek,
 * Extended Cyrillic) is refused with Marc8Error naming the set, instead of being imported as
 * mojibake; such records are normally exported in UTF-8 anyway.
 *
 * MARC-8 writes a combining mark BEFORE the letter it sits on ("\xE2e" is é); Unicode writes it
 * after. So marks are held until the next base character and written after it.
 */

export class Marc8Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Marc8Error";
  }
}

interface CharacterSet {
  name: string;
  spacing: Map<number, number> | null; // null: the byte is ASCII
  combining?: Map<number, number>;
}

const ASCII: CharacterSet = { name: "ASCII", spacing: null };
const ANSEL: CharacterSet = { name: "ANSEL", spacing: ANSEL_SPACING, combining: ANSEL_COMBINING };
const SETS: Record<string, CharacterSet> = {
  B: ASCII,
  s: ASCII,
  E: ANSEL,
  "!E": ANSEL,
  "2": { name: "Basic Hebrew", spacing: HEBREW, combining: HEBREW_COMBINING },
  N: { name: "Basic Cyrillic", spacing: CYRILLIC },
  p: { name: "Superscripts", spacing: SUPERSCRIPT },
  b: { name: "Subscripts", spacing: SUBSCRIPT },
  g: { name: "Greek symbols", spacing: GREEK_SYMBOLS },
};
const UNSUPPORTED: Record<string, string> = {
  "1": "East Asian (EACC)",
  "3": "Basic Arabic",
  "4": "Extended Arabic",
  Q: "Extended Cyrillic",
  S: "Basic Greek",
};

const ESC = 0x1b;

function lookup(final: string): CharacterSet {
  const set = SETS[final];
  if (set) return set;
  const name = UNSUPPORTED[final];
  throw new Marc8Error(
    name
      ? `uses the MARC-8 ${name} character set, which this importer does not convert; export the record in UTF-8`
      : `has an unknown MARC-8 escape sequence (final character ${JSON.stringify(final)})`,
  );
}

function pushBase(out: number[], pendingMarks: number[], cp: number): void {
  out.push(cp);
  if (pendingMarks.length > 0) {
    for (const m of pendingMarks) out.push(m);
    pendingMarks.length = 0;
  }
}

/** Decodes the bytes of one MARC-8 field; throws Marc8Error on a set it cannot convert. */
export function decodeMarc8(bytes: Uint8Array): string {
  let g0 = ASCII;
  let g1 = ANSEL;
  const out: number[] = [];
  const pendingMarks: number[] = [];

  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === ESC) {
      const next = bytes[i + 1];
      if (next === undefined) throw new Marc8Error("ends with an incomplete MARC-8 escape sequence");
      const c = String.fromCharCode(next);
      if (c === "g" || c === "b" || c === "p" || c === "s") {
        // technique 1: a single letter switches G0
        g0 = lookup(c);
        i += 1;
        continue;
      }
      // technique 2: ESC ( F / ESC , F -> G0; ESC ) F / ESC - F -> G1; ESC $ [(,] F -> multibyte
      let j = i + 1;
      let target: "g0" | "g1" = "g0";
      if (c === "$") {
        j += 1;
        const k = bytes[j];
        if (k === 0x28 || k === 0x2c) j += 1;
        else if (k === 0x29 || k === 0x2d) {
          target = "g1";
          j += 1;
        }
      } else if (c === "(" || c === ",") j += 1;
      else if (c === ")" || c === "-") {
        target = "g1";
        j += 1;
      } else throw new Marc8Error(`has an unknown MARC-8 escape sequence (ESC ${JSON.stringify(c)})`);
      let final = String.fromCharCode(bytes[j] ?? 0);
      if (final === "!") {
        final += String.fromCharCode(bytes[j + 1] ?? 0);
        j += 1;
      }
      const set = lookup(final);
      if (target === "g0") g0 = set;
      else g1 = set;
      i = j;
      continue;
    }
    if (b < 0x20) {
      pushBase(out, pendingMarks, b);
      continue;
    }
    if (b === 0x20) {
      pushBase(out, pendingMarks, b);
      continue;
    }
    if (b < 0x7f) {
      const mark = g0.combining?.get(b);
      if (mark !== undefined) {
        pendingMarks.push(mark);
        continue;
      }
      pushBase(out, pendingMarks, g0.spacing?.get(b) ?? b);
      continue;
    }
    // 0x88/0x89 (non-sort begin/end) carry no text; 0x8D/0x8E are the zero-width joiners
    if (b === 0x88 || b === 0x89) continue;
    if (b === 0x8d || b === 0x8e) {
      pushBase(out, pendingMarks, b === 0x8d ? 0x200d : 0x200c);
      continue;
    }
    if (b >= 0xa1) {
      const high = b;
      const mark = g1.combining?.get(high);
      if (mark !== undefined) {
        pendingMarks.push(mark);
        continue;
      }
      const cp = g1.spacing?.get(high) ?? g1.spacing?.get(high - 0x80);
      if (cp !== undefined) {
        pushBase(out, pendingMarks, cp);
        continue;
      }
    }
    throw new Marc8Error(`has byte 0x${b.toString(16).toUpperCase()}, which is not a MARC-8 character`);
  }
  // a mark with nothing after it stays a mark (on its own it would combine with nothing)
  out.push(...pendingMarks);
  return String.fromCodePoint(...out).normalize("NFC");
}
