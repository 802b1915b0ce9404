import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

/* The users list's search (GET /api/v1/users?q=): by name, id, email and library card, within the caller's institution. */

const t = useTestApp();

describe("finding users", () => {
  let adminKey: string;
  let listInst: InstitutionFixture;
  let listKey: string;
  beforeAll(async () => {
    // an administrator of another institution, who must see none of these users
    adminKey = (await admin(t.ctx, await makeInstitution(t.ctx))).apiKey;
    listInst = await makeInstitution(t.ctx);
    listKey = (await admin(t.ctx, listInst)).apiKey;
    const api = client(t.app, listKey);
    const people = [
      ["jdoe", "Jane", "Doe", "jane@example.edu", "GRAD"],
      ["adoe", "Alan", "Doe", "alan@example.edu", "UNDERGRAD"],
      ["bsmith", "Bea", "Smith", "bea@smith.org", "GRAD"],
      ["cjones_50%", "Cy", "Jones", "cy@example.edu", "FACULTY"],
      ["dkhan", "Dia", "Khan", "dia@example.edu", "GRAD"],
    ];
    for (const [primary_id, first_name, last_name, email, user_group] of people) {
      const barcode = primary_id === "dkhan" ? "29000123" : undefined;
      const res = await api.post("/api/v1/users", { primary_id, first_name, last_name, email, user_group, barcode });
      expect(res.status).toBe(201);
    }
  });

  it("finds a patron by their library card's barcode, whole or in part, as the desk scans or types it", async () => {
    const api = client(t.app, listKey);
    const found = await api.get("/api/v1/users?q=29000123");
    expect(found.body.users).toEqual([expect.objectContaining({ primary_id: "dkhan", barcode: "29000123" })]);
    expect((await api.get("/api/v1/users?q=000123")).body.users.map((u: any) => u.primary_id)).toEqual(["dkhan"]);
  });

  it("keeps a library card to one user: another's barcode is refused and nothing changes", async () => {
    const api = client(t.app, listKey);
    const taken = await api.post("/api/v1/users", { primary_id: "ezed", last_name: "Zed", barcode: "29000123" });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "DUPLICATE", fields: [{ field: "barcode" }] });
    expect((await api.get("/api/v1/users?q=ezed")).body.users).toEqual([]);
    const jdoe = (await api.get("/api/v1/users?q=jdoe")).body.users[0];
    const moved = await api.patch(`/api/v1/users/${jdoe.id}`, { barcode: "29000123" });
    expect(moved.status).toBe(409);
    expect((await api.get(`/api/v1/users/${jdoe.id}`)).body.barcode).toBeNull();
    // the holder may keep (re-send) their own card
    const dkhan = (await api.get("/api/v1/users?q=dkhan")).body.users[0];
    expect((await api.patch(`/api/v1/users/${dkhan.id}`, { barcode: "29000123", first_name: "Dia" })).status).toBe(200);
  });

  it("walks all users by name, one page at a time, with an opaque cursor", async () => {
    const api = client(t.app, listKey);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await api.get(`/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.users.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.users.map((u: any) => u.primary_id));
      cursor = res.body.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    // the five listed plus the administrator (last name = their primary id, which sorts after capitals)
    expect(seen.length).toBe(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.slice(0, 5)).toEqual(["adoe", "jdoe", "cjones_50%", "dkhan", "bsmith"]);
    expect(pages).toBe(3);
  });

  it("filters by part of the primary id, name or email, ignoring case", async () => {
    const api = client(t.app, listKey);
    const ids = async (q: string) =>
      (await api.get(`/api/v1/users?q=${encodeURIComponent(q)}`)).body.users.map((u: any) => u.primary_id);
    expect(await ids("doe")).toEqual(["adoe", "jdoe"]);
    expect(await ids("JANE")).toEqual(["jdoe"]);
    expect(await ids("jane doe")).toEqual(["jdoe"]);
    expect(await ids("smith.org")).toEqual(["bsmith"]);
    // LIKE wildcards in the search text are matched literally
    expect(await ids("%")).toEqual(["cjones_50%"]);
    expect(await ids("e_")).toEqual([]);
    expect(await ids("zzz")).toEqual([]);
  });

  it("filters by user group code, and pages within the filter", async () => {
    const api = client(t.app, listKey);
    const first = await api.get("/api/v1/users?user_group=GRAD&limit=2");
    expect(first.body.users.map((u: any) => u.primary_id)).toEqual(["jdoe", "dkhan"]);
    const second = await api.get(`/api/v1/users?user_group=GRAD&limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.users.map((u: any) => u.primary_id)).toEqual(["bsmith"]);
    expect(second.body.next_cursor).toBeNull();
  });

  it("refuses a bad cursor, a limit over 100 and an unknown user group", async () => {
    const api = client(t.app, listKey);
    const cursor = await api.get("/api/v1/users?cursor=not-a-cursor");
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "cursor" }] });
    const limit = await api.get("/api/v1/users?limit=101");
    expect(limit.status).toBe(400);
    expect(limit.body.fields[0].field).toBe("limit");
    const group = await api.get("/api/v1/users?user_group=NOPE");
    expect(group.status).toBe(400);
    expect(group.body.fields[0].field).toBe("user_group");
  });

  it("lists only the caller's institution", async () => {
    const res = await client(t.app, adminKey).get("/api/v1/users?q=doe");
    expect(res.body.users).toEqual([]);
  });
});
