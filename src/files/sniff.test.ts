import { describe, expect, it } from "vitest";
import { sniffFileType } from "./sniff.js";

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffFileType", () => {
  it.each([
    ["PDF", text("%PDF-1.7\n%âãÏÓ"), "application/pdf"],
    ["PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "image/png"],
    ["JPEG", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46), "image/jpeg"],
    ["little-endian TIFF", bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0), "image/tiff"],
    ["big-endian TIFF", bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8), "image/tiff"],
  ])("recognises %s by its signature", (_name, content, contentType) => {
    expect(sniffFileType(content)?.contentType).toBe(contentType);
  });

  it.each([
    ["HTML", text("<!DOCTYPE html><html><body>%PDF-</body></html>")],
    ["an ELF executable", bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0)],
    ["a Windows executable", bytes(0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0)],
    ["a ZIP archive", bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0)],
    ["a PDF signature not at the start", text(" %PDF-1.7")],
    ["a truncated PNG signature", bytes(0x89, 0x50, 0x4e, 0x47)],
    ["TIFF bytes in the wrong order", bytes(0x49, 0x49, 0x00, 0x2a)],
    ["nothing", bytes()],
  ])("refuses %s", (_name, content) => {
    expect(sniffFileType(content)).toBeNull();
  });

  it("gives each type its stored extension", () => {
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff))?.extension).toBe("jpg");
    expect(sniffFileType(bytes(0x4d, 0x4d, 0x00, 0x2a))?.extension).toBe("tif");
  });
});
