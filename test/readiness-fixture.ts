import { expect } from "vitest";
import { client } from "./api.js";
import { admin, makeInstitution, makeTitle, makeUser, type InstitutionFixture } from "./factories.js";
import type { TestApp } from "./harness.js";

/*
 * A fresh institution that passes every readiness check: the factory's institution (two
 * libraries, user groups, delivery to everyone) with a printer and an operator for its
 * department and a title in each library. Each readiness test breaks one thing, sees its check
 * fail with the names and links, fixes it, and sees it pass.
 */

export interface ReadyScene {
  inst: InstitutionFixture;
  /** the General System Administrator's API key */
  key: string;
  api: ReturnType<typeof client>;
}

interface CheckJson {
  id: string;
  status: "pass" | "warn" | "fail";
  problems: {
    kind: string;
    severity: string;
    subject: { type: string; id: string | null; code: string | null; name: string | null };
    language: string | null;
    detail: string | null;
    message: string;
    fix: { page: string; api: string };
  }[];
}

export async function readyInstitution(t: TestApp): Promise<ReadyScene> {
  const inst = await makeInstitution(t.ctx);
  const key = (await admin(t.ctx, inst)).apiKey;
  const api = client(t.app, key);
  expect((await api.post("/api/v1/printers", { code: "SLIPS", name: "Slip printer" })).status).toBe(201);
  expect((await api.patch(`/api/v1/departments/${inst.departments.inst}`, { default_printer: "SLIPS" })).status).toBe(
    200,
  );
  const operator = await makeUser(t.ctx, inst, { group: "STAFF" });
  const added = await api.post(`/api/v1/departments/${inst.departments.inst}/operators`, { user_id: operator.id });
  expect(added.status).toBe(201);
  await makeTitle(t.ctx, inst, { library: "main" });
  await makeTitle(t.ctx, inst, { library: "law" });
  return { inst, key, api };
}

export async function readiness(scene: { api: ReadyScene["api"] }) {
  const res = await scene.api.get<{ ready: boolean; checks: CheckJson[] }>("/api/v1/readiness");
  expect(res.status).toBe(200);
  return res.body;
}

/** One check of the answer, by id. */
export async function checkOf(scene: { api: ReadyScene["api"] }, id: string): Promise<CheckJson> {
  const check = (await readiness(scene)).checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}
