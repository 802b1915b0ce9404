import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { createApiKeyCli } from "../cli/create-api-key.js";

const t = useTestApp();

describe("API keys API", () => {
  let inst: InstitutionFixture;
  let adminKey: string;
  let operatorKey: string;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    adminKey = (await admin(t.ctx, inst)).apiKey;
    operatorKey = (
      await makeUser(t.ctx, inst, {
        group: "STAFF",
        roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
      })
    ).apiKey;
    patron = await makeUser(t.ctx, inst);
  });

  it("issues a key to its own user once; afterwards only the prefix is shown", async () => {
    const api = client(t.app, patron.apiKey);
    const issued = await api.post(`/api/v1/users/${patron.id}/api-keys`, { label: "Zotero plugin" });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^rk_[A-Za-z0-9_-]{40,}$/);
    expect(issued.body).toMatchObject({ label: "Zotero plugin", revoked_at: null, last_used_at: null });
    expect(issued.body.key.startsWith(issued.body.prefix)).toBe(true);

    const me = await client(t.app, issued.body.key).get("/api/v1/users/me");
    expect(me.body.id).toBe(patron.id);

    const list = await api.get(`/api/v1/users/${patron.id}/api-keys`);
    expect(list.status).toBe(200);
    const shown = list.body.api_keys.find((k: any) => k.id === issued.body.id);
    expect(shown).toMatchObject({ label: "Zotero plugin", prefix: issued.body.prefix });
    expect(shown.last_used_at).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(issued.body.key);
  });

  it("records when a key was last used, to the minute", async () => {
    const api = client(t.app, patron.apiKey);
    const issued = await api.post(`/api/v1/users/${patron.id}/api-keys`, { label: "cron job" });
    const lastUsed = async () =>
      (await api.get(`/api/v1/users/${patron.id}/api-keys`)).body.api_keys.find((k: any) => k.id === issued.body.id)
        .last_used_at;
    const start = t.clock.now();
    await client(t.app, issued.body.key).get("/api/v1/users/me");
    expect(await lastUsed()).toBe(start.toISOString());
    t.clock.set(new Date(start.getTime() + 30_000));
    await client(t.app, issued.body.key).get("/api/v1/users/me");
    expect(await lastUsed()).toBe(start.toISOString());
    t.clock.set(new Date(start.getTime() + 120_000));
    await client(t.app, issued.body.key).get("/api/v1/users/me");
    expect(await lastUsed()).toBe(new Date(start.getTime() + 120_000).toISOString());
    t.clock.set(start);
  });

  it("revokes a key: it gets 401 from then on and shows when it was revoked", async () => {
    const api = client(t.app, patron.apiKey);
    const issued = await api.post(`/api/v1/users/${patron.id}/api-keys`, { label: "old script" });
    const key = issued.body.key;
    expect((await client(t.app, key).get("/api/v1/users/me")).status).toBe(200);
    expect((await api.delete(`/api/v1/users/${patron.id}/api-keys/${issued.body.id}`)).status).toBe(204);
    const refused = await client(t.app, key).get("/api/v1/users/me");
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("UNAUTHENTICATED");
    const listed = (await api.get(`/api/v1/users/${patron.id}/api-keys`)).body.api_keys.find(
      (k: any) => k.id === issued.body.id,
    );
    expect(listed.revoked_at).toBe(t.clock.now().toISOString());
    expect((await api.delete(`/api/v1/users/${patron.id}/api-keys/${issued.body.id}`)).status).toBe(204);
  });

  it("lets the General System Administrator manage anyone's keys", async () => {
    const api = client(t.app, adminKey);
    const issued = await api.post(`/api/v1/users/${patron.id}/api-keys`, { label: "issued by admin" });
    expect(issued.status).toBe(201);
    expect((await api.get(`/api/v1/users/${patron.id}/api-keys`)).body.api_keys.length).toBeGreaterThan(1);
    expect((await api.delete(`/api/v1/users/${patron.id}/api-keys/${issued.body.id}`)).status).toBe(204);
    expect((await client(t.app, issued.body.key).get("/api/v1/users/me")).status).toBe(401);
  });

  it("refuses staff without people.manage (403) and patrons (404) on someone else's keys", async () => {
    const staff = client(t.app, operatorKey);
    const res = await staff.get(`/api/v1/users/${patron.id}/api-keys`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect((await staff.post(`/api/v1/users/${patron.id}/api-keys`, { label: "x" })).status).toBe(403);
    const other = await makeUser(t.ctx, inst);
    const asOther = client(t.app, other.apiKey);
    expect((await asOther.get(`/api/v1/users/${patron.id}/api-keys`)).status).toBe(404);
    const ownKeyId = (await client(t.app, patron.apiKey).get(`/api/v1/users/${patron.id}/api-keys`)).body.api_keys[0]
      .id;
    expect((await asOther.delete(`/api/v1/users/${patron.id}/api-keys/${ownKeyId}`)).status).toBe(404);
    expect((await asOther.delete(`/api/v1/users/${other.id}/api-keys/${ownKeyId}`)).status).toBe(404);
    expect((await client(t.app, patron.apiKey).get("/api/v1/users/me")).status).toBe(200);
  });

  it("refuses a missing or empty label", async () => {
    const api = client(t.app, patron.apiKey);
    for (const body of [{}, { label: "  " }]) {
      const res = await api.post(`/api/v1/users/${patron.id}/api-keys`, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "label" }] });
    }
  });

  it("answers 404 for another institution's user or key", async () => {
    const other = await makeInstitution(t.ctx);
    const stranger = await makeUser(t.ctx, other);
    const keyId = (
      await t.ctx.db.selectFrom("api_keys").select("id").where("user_id", "=", stranger.id).executeTakeFirstOrThrow()
    ).id;
    const api = client(t.app, adminKey);
    expect((await api.get(`/api/v1/users/${stranger.id}/api-keys`)).status).toBe(404);
    expect((await api.post(`/api/v1/users/${stranger.id}/api-keys`, { label: "x" })).status).toBe(404);
    expect((await api.delete(`/api/v1/users/${stranger.id}/api-keys/${keyId}`)).status).toBe(404);
    expect((await client(t.app, stranger.apiKey).get("/api/v1/users/me")).status).toBe(200);
  });
});

describe("recto create-api-key", () => {
  let inst: InstitutionFixture;
  let user: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    user = await makeUser(t.ctx, inst);
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await createApiKeyCli(t.ctx.db, args, t.clock, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err: err.join("\n") };
  };

  it("prints a working key for the user, with the label given", async () => {
    const res = await run(["--institution", inst.code, "--user", user.primaryId, "--label", "nightly export"]);
    expect(res.code).toBe(0);
    expect(res.out).toHaveLength(1);
    const key = res.out[0]!;
    expect((await client(t.app, key).get("/api/v1/users/me")).body.id).toBe(user.id);
    const keys = (await client(t.app, key).get(`/api/v1/users/${user.id}/api-keys`)).body.api_keys;
    expect(keys.map((k: any) => k.label)).toContain("nightly export");
  });

  it("exits 2 with a clear message for an unknown institution or user", async () => {
    const noInst = await run(["--institution", "NO_SUCH_INST", "--user", user.primaryId]);
    expect(noInst).toMatchObject({ code: 2, out: [] });
    expect(noInst.err).toMatch(/no institution with code NO_SUCH_INST/);
    const noUser = await run(["--institution", inst.code, "--user", "nobody"]);
    expect(noUser).toMatchObject({ code: 2, out: [] });
    expect(noUser.err).toMatch(/no user with primary id nobody in institution/);
  });

  it("exits 2 with the usage for missing or unknown options", async () => {
    const missing = await run(["--institution", inst.code]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Missing --user/);
    expect(missing.err).toMatch(/Usage: recto create-api-key/);
    const unknown = await run(["--institution", inst.code, "--user", user.primaryId, "--admin"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Usage/);
  });

  it("warns when the user is inactive", async () => {
    const inactive = await makeUser(t.ctx, inst, { status: "INACTIVE" });
    const res = await run(["--institution", inst.code, "--user", inactive.primaryId]);
    expect(res.code).toBe(0);
    expect(res.err).toMatch(/INACTIVE/);
  });
});
