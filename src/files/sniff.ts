/** The file types Recto accepts (DOMAIN 8), recognised by their first bytes, never by name. */
export interface FileType {
  contentType: "application/pdf" | "image/png" | "image/jpeg" | "image/tiff";
  /** the extension stored files get */
  extension: string;
  /** every extension a name of this type may carry */
  extensions: readonly string[];
}

const PDF: FileType = { contentType: "application/pdf", extension: "pdf", extensions: ["pdf"] };
const PNG: FileType = { contentType: "image/png", extension: "png", extensions: ["png"] };
const JPEG: FileType = { contentType: "image/jpeg", extension: "jpg", extensions: ["jpg", "jpeg", "jpe"] };
const TIFF: FileType = { contentType: "image/tiff", extension: "tif", extensions: ["tif", "tiff"] };

const signatures: [number[], FileType][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], PDF], // "%PDF-"
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], PNG],
  [[0xff, 0xd8, 0xff], JPEG],
  [[0x49, 0x49, 0x2a, 0x00], TIFF], // "II*\0", little-endian
  [[0x4d, 0x4d, 0x00, 0x2a], TIFF], // "MM\0*", big-endian
];

/** Bytes needed to tell every accepted type apart. */
export const SNIFF_LENGTH = Math.max(...signatures.map(([s]) => s.length));

export const ACCEPTED_EXTENSIONS: readonly string[] = [PDF, PNG, JPEG, TIFF].flatMap((t) => t.extensions);

/** The type whose signature the bytes start with, or null for anything else (HTML, executables, ...). */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  for (const [signature, type] of signatures) {
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}
