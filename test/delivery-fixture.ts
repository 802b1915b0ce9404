import { expect } from "vitest";
import { sendOutboxLetter } from "../src/letters/send-letter.js";
import { processOutbox } from "../src/outbox/process-outbox.js";
import { client, upload } from "./api.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  setDefaultWorkflow,
  type InstitutionFixture,
  type UserFixture,
} from "./factories.js";
import type { TestApp } from "./harness.js";

export const samplePdf = (bytes = 2048): Buffer =>
  Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(bytes, 0x41), Buffer.from("\n%%EOF\n")]);

interface DeliveryScene {
  inst: InstitutionFixture;
  patron: UserFixture;
  woo: UserFixture;
}

export async function deliveryScene(t: TestApp, workflow: Record<string, unknown> = {}): Promise<DeliveryScene> {
  const inst = await makeInstitution(t.ctx);
  await setDefaultWorkflow(t.ctx, inst, workflow);
  const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  const woo = await makeUser(t.ctx, inst, {
    roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
  });
  return { inst, patron, woo };
}

/** Places a general digitization request as the patron, attaches the file and delivers it. */
export async function deliveredRequest(
  t: TestApp,
  scene: DeliveryScene,
  file: { name: string; bytes: Buffer } = { name: "chapter.pdf", bytes: samplePdf() },
): Promise<number> {
  const title = await makeTitle(t.ctx, scene.inst, { items: 0 });
  const placed = await client(t.app, scene.patron.apiKey).post("/api/v1/requests", {
    mms_id: title.mmsId,
    partial_digitization: false,
  });
  expect(placed.status).toBe(201);
  const id = Number(placed.body.request_id);
  const attached = await upload(t.app, scene.woo.apiKey, `/api/v1/requests/${id}/files`, file);
  expect(attached.status).toBe(201);
  const delivered = await client(t.app, scene.woo.apiKey).post(`/api/v1/requests/${id}/deliver`, {});
  expect(delivered.body.request_status).toBe("DELIVERED");
  return id;
}

/** Runs the worker's letter step for the scene's institution only. */
export const sendLetters = (t: TestApp, inst: InstitutionFixture, now = t.clock.now()) =>
  processOutbox(t.ctx, { letter: sendOutboxLetter }, { now, institutionId: inst.id, batchSize: 100 });

/** The download path of the first link in a letter's text. */
export function linkIn(text: string | undefined): string {
  const m = /\/api\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(text ?? "");
  if (!m) throw new Error(`no download link in: ${text}`);
  return m[0];
}
