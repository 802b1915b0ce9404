import type { LetterRenderLimits } from "../config.js";
import type { Executor } from "../db/database.js";
import { PermanentDeliveryError } from "../outbox/outbox.js";
import { institutionLanguage } from "../organisation/institution-repository.js";
import { renderLetter } from "../letters/render.js";
import { describePages } from "../letters/send-letter.js";
import { chooseTemplate } from "../letters/templates.js";
import { slipFacts } from "./printouts-repository.js";
import { slipPdf } from "./slip-pdf.js";

/**
 * The pick slip of a request as a PDF: the resource_request_slip letter (in the institution's
 * language, as Letter Administrators wrote it) rendered to text, with the item barcode.
 */
export async function renderSlip(
  db: Executor,
  institutionId: number,
  requestId: number,
  options: { coverSheet?: boolean; today: string; renderLimits: LetterRenderLimits },
): Promise<{ pdf: Uint8Array; printerId: number | null; printerEmail: string | null }> {
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
  const pdf = await slipPdf(
    {
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
    { coverSheet: options.coverSheet ?? false },
  );
  return { pdf, printerId: f.printer_id, printerEmail: f.printer_email };
}
