import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { client, upload } from "../../test/api.js";
import { deliveryScene, samplePdf } from "../../test/delivery-fixture.js";
import { makeTitle } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

async function pdfOf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([300, 400]);
  return Buffer.from(await doc.save());
}

describe("PDF page count", () => {
  it("records the page count of an attached PDF, and null when it cannot be read", async () => {
    const scene = await deliveryScene(t);
    const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
    const placed = await client(t.app, scene.patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    const id = placed.body.request_id;
    const first = await upload(t.app, scene.woo.apiKey, `/api/v1/requests/${id}/files`, {
      name: "three.pdf",
      bytes: await pdfOf(3),
    });
    expect(first.status).toBe(201);
    expect(first.body.files[0]).toMatchObject({ file_name: "three.pdf", page_count: 3 });
    const second = await upload(t.app, scene.woo.apiKey, `/api/v1/requests/${id}/files`, {
      name: "broken.pdf",
      bytes: samplePdf(),
    });
    expect(second.status).toBe(201);
    expect(second.body.files[1]).toMatchObject({ file_name: "broken.pdf", page_count: null });
  });
});
