import { Readable } from "node:stream";
import { firstTitleWithoutItems } from "../catalogue/bibs-repository.js";
import { loadActor } from "../auth/repository.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { attachFile } from "../requests/attach-file.js";
import { deliverRequest } from "../requests/deliver.js";
import { requestFormSchema } from "../requests/form.js";
import { placeRequest } from "../requests/place-request.js";
import type { DomainContext } from "../context.js";
import { findUserByPrimaryId } from "../people/users-repository.js";

export const DEMO_DELIVERY_PATRON = "demo-faculty";
const OPERATOR = "demo-work-order-operator";

/** A small real PDF standing in for a scan. */
async function demoScanPdf(title: string): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText("Recto demo scan", { x: 60, y: 760, size: 24, font });
  page.drawText(title.slice(0, 80), { x: 60, y: 720, size: 12, font });
  return doc.save();
}

/**
 * One request walked to DELIVERED through the real use cases: a faculty patron asks for a
 * whole title without items, the work order operator attaches a scan and delivers it. Its
 * letter waits in the outbox; the worker (in the demo server) writes it as an .eml file,
 * listed at GET /api/v1/mail/eml (the link withheld from staff); the file on disk carries the
 * patron's link, whose page offers the scan.
 */
export async function seedDeliveredRequest(ctx: DomainContext, institutionId: number): Promise<number | null> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const patronRow = await findUserByPrimaryId(db, institutionId, DEMO_DELIVERY_PATRON);
  const operatorRow = await findUserByPrimaryId(db, institutionId, OPERATOR);
  const bib = await firstTitleWithoutItems(db, institutionId);
  if (!patronRow || !operatorRow || !bib) return null;
  const patron = await loadActor(db, patronRow.id, "session");
  const operator = await loadActor(db, operatorRow.id, "session");
  if (!patron || !operator) return null;
  const placed = await placeRequest(
    db,
    patron,
    {
      userId: patron.userId,
      mmsId: bib.id,
      source: "patron",
      form: requestFormSchema.parse({ partial_digitization: false, comment: "Demo request" }),
    },
    now,
  );
  const id = placed.request.id;
  const pdf = await demoScanPdf(bib.title);
  await attachFile(
    db,
    fileStorageFromConfig(ctx.config),
    operator,
    id,
    { stream: Readable.from([Buffer.from(pdf)]), fileName: "demo-scan.pdf", maxBytes: ctx.config.maxUploadBytes },
    now,
  );
  await deliverRequest(db, operator, id, { note: "Demo delivery" }, now);
  return id;
}
