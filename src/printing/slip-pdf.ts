import type { PDFFont, PDFPage } from "pdf-lib";

export interface SlipFacts {
  requestId: number;
  patronName: string;
  title: string;
  author: string | null;
  barcode: string | null;
  callNumber: string | null;
  place: string | null;
  chapter: string | null;
  pages: string | null;
  requestDate: string;
  /** the text of the resource_request_slip letter, rendered for this request */
  text: string;
}

/** Helvetica covers WinAnsi only: anything else is replaced so a title never breaks the slip. */
const printable = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");

function lines(page: PDFPage, font: PDFFont, text: string, x: number, y: number, size = 11): number {
  let at = y;
  for (const raw of text.split("\n")) {
    // wrap at about 90 characters so long titles stay on the page
    const chunks = printable(raw).match(/.{1,90}(\s|$)|\S+/g) ?? [""];
    for (const chunk of chunks) {
      page.drawText(chunk.trimEnd(), { x, y: at, size, font });
      at -= size + 5;
    }
  }
  return at;
}

async function barcodePng(value: string): Promise<Buffer> {
  const { default: bwipjs } = await import("bwip-js");
  return bwipjs.toBuffer({
    bcid: "code128",
    text: value,
    scale: 3,
    height: 12,
    includetext: true,
    textxalign: "center",
  });
}

/**
 * The pick slip (resource_request_slip) as a PDF: the rendered letter text, with the item
 * barcode drawn as a Code 128 barcode so it can be scanned at the shelf and at scan-in. With
 * coverSheet, a second page goes with the scan: the request number as a barcode and the patron.
 */
export async function slipPdf(f: SlipFacts, options: { coverSheet?: boolean } = {}): Promise<Uint8Array> {
  // pdf-lib and bwip-js are loaded with the first slip, not with the app (a faster start).
  const { PDFDocument, StandardFonts } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  doc.setTitle(`Pick slip, request ${f.requestId}`);
  doc.setProducer("Recto");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  page.drawText("Digitization pick slip", { x: 50, y: 790, size: 20, font: bold });
  let y = lines(page, font, f.text, 50, 760);
  if (f.barcode) {
    const png = await doc.embedPng(await barcodePng(f.barcode));
    const scaled = png.scaleToFit(300, 90);
    y -= scaled.height + 10;
    page.drawImage(png, { x: 50, y, width: scaled.width, height: scaled.height });
  }
  if (f.callNumber) lines(page, font, `Call number: ${f.callNumber}`, 50, y - 25);

  if (options.coverSheet) {
    const cover = doc.addPage([595, 842]);
    cover.drawText("Digitization cover sheet", { x: 50, y: 790, size: 20, font: bold });
    const ry = lines(
      cover,
      font,
      [
        `Request ${f.requestId}`,
        `For: ${f.patronName}`,
        `Title: ${f.title}`,
        f.chapter ? `Chapter or article: ${f.chapter}` : "",
        f.pages ? `Pages: ${f.pages}` : "",
        f.place ? `Handled at: ${f.place}` : "",
        `Requested: ${f.requestDate}`,
      ]
        .filter(Boolean)
        .join("\n"),
      50,
      750,
      12,
    );
    const png = await doc.embedPng(await barcodePng(String(f.requestId)));
    const scaled = png.scaleToFit(250, 80);
    cover.drawImage(png, { x: 50, y: ry - scaled.height - 10, width: scaled.width, height: scaled.height });
  }
  return doc.save();
}
