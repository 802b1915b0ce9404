import type { LetterRenderLimits } from "../config.js";
import type { Executor } from "../db/database.js";
import { PermanentDeliveryError } from "../outbox/outbox.js";
import { institutionLanguage } from "../organisation/institution-repository.js";
import { renderLetter } from "../letters/render.js";
import { describePages } from "../letters/send-letter.js";
import { chooseTemplate } from "../letters/templates.js";
import { slipFacts } from "./printouts-repository.js";
import { slipPdf, type SlipFacts } from "./slip-pdf.js";

/** A pick slip ready to be laid out: its facts, its rendered text, and where it prints. */
export interface PreparedSlip {
  facts: SlipFacts;
  printerId: number | null;
  printerEmail: string | null;
}

/**
 * The pick slip of a request without its PDF: the resource_request_slip letter (in the
 * institution's language, as Letter Administrators wrote it) rendered to text, with the facts a
 * PDF is laid out from. A print job whose printer does not print by email needs no PDF (the
 * printout queue lays one out when staff open it), and laying one out is most of a slip's cost
 * (see slipDocument).
 */
export async function prepareSlip(
  db: Executor,
  institutionId: number,
  requestId: number,
  options: { today: string; renderLimits: LetterRenderLimits },
): Promise<PreparedSlip> {
  const f = await slipFacts(db, institutionId, requestId);
  if (!f) throw new PermanentDeliveryError("The request no longer exists.");
  const inst = await institutionLanguage(db, institutionId);
  const { chapter, pages } = describePages(f.form);
  const template = await chooseTemplate(db, institutionId, "resource_request_slip", [inst.default_language]);
  const rendered = await renderLetter(
    template,
    {
      institution: { name: inst.name, code: inst.code },
      patron: { first_name: f.first_name, last_name: f.last_name },
      request: {
        id: String(f.id),
        title: f.title,
        author: f.author,
        chapter,
        pages,
        request_date: f.request_date.slice(0, 10),
      },
      item: { barcode: f.barcode, call_number: f.call_number },
      place: { name: f.department_name ?? f.desk_name },
      today: options.today,
    },
    options.renderLimits,
  );
  return {
    facts: {
      requestId: f.id,
      patronName: `${f.first_name} ${f.last_name}`,
      title: f.title,
      author: f.author,
      barcode: f.barcode,
      callNumber: f.call_number,
      place: f.department_name ?? f.desk_name,
      chapter,
      pages,
      requestDate: f.request_date.slice(0, 10),
      text: rendered.text,
    },
    printerId: f.printer_id,
    printerEmail: f.printer_email,
  };
}

/**
 * The prepared slip laid out as a PDF. Each one draws a barcode image that pdf-lib decodes and
 * compresses again: about a megabyte of short-lived buffers per slip, which under steady placement
 * was tens of megabytes of the server's memory (docs/performance.md, "Server memory").
 */
export const slipDocument = (slip: PreparedSlip, options: { coverSheet?: boolean } = {}): Promise<Uint8Array> =>
  slipPdf(slip.facts, { coverSheet: options.coverSheet ?? false });

/** The pick slip of a request as a PDF, with the item barcode (the printout queue's download). */
export async function renderSlip(
  db: Executor,
  institutionId: number,
  requestId: number,
  options: { coverSheet?: boolean; today: string; renderLimits: LetterRenderLimits },
): Promise<{ pdf: Uint8Array; printerId: number | null; printerEmail: string | null }> {
  const slip = await prepareSlip(db, institutionId, requestId, options);
  return { pdf: await slipDocument(slip, options), printerId: slip.printerId, printerEmail: slip.printerEmail };
}
