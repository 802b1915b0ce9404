import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { DEFAULT_REQUEST_FORM } from "../request-form/default-config.js";
import { findConfigRow, ownAndConsortiumConfigRowsBeyond, upsertConfig } from "../request-form/repository.js";
import { allTableRowsBeyond, findTable, touchTable } from "../rules/tables/repository.js";

/*
 * Placement on PostgreSQL reads a form's text and a rule table's default output only when the
 * process does not hold their current revision (held-rows.ts). What it holds must never outlive
 * a change.
 */

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

describe("the forms and rule tables a placement holds", () => {
  it("are read again as soon as they change, however many placements came before", async () => {
    const inst = await makeInstitution(t.ctx);
    const admin = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const place = async (extra: object = {}) =>
      client(t.app, patron.apiKey).post("/api/v1/requests", {
        mms_id: String((await makeTitle(t.ctx, inst)).mmsId),
        ...pages,
        ...extra,
      });
    for (let i = 0; i < 3; i++) expect((await place()).status).toBe(201);

    // A checkbox the form now asks for: the next placement without it is refused.
    const box = { code: "not_online", label: { en: "Not online" }, mandatory: true };
    const changed = await client(t.app, admin.apiKey).put("/api/v1/request-form/config", {
      config: { ...DEFAULT_REQUEST_FORM, checkboxes: [box] },
    });
    expect(changed.status).toBe(200);
    const refused = await place();
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(["custom_checkboxes.not_online"]);
    const ticked = { custom_checkboxes: ["not_online"] };
    expect((await place(ticked)).status).toBe(201);

    // The patron's group's row of the patron limits table: none allowed from now on.
    const limit = await client(t.app, admin.apiKey).patch(`/api/v1/user-groups/${inst.groups.FACULTY}`, {
      max_digitization_requests: 0,
    });
    expect(limit.status, JSON.stringify(limit.body)).toBe(200);
    const denied = await place(ticked);
    expect(denied.status).toBe(422);
    expect(denied.body.code).toBe("DIGITIZATION_NOT_ALLOWED");
  });

  it("move their revision with every change, and are left out only at the revision held", async () => {
    const inst = await makeInstitution(t.ctx);
    const at = t.ctx.clock.now().toISOString();
    const form = (await findConfigRow(t.ctx.db, inst.id))!;
    const table = (await findTable(t.ctx.db, inst.id, "patron_limits"))!;

    const read = async (heldForm: number, heldTable: number) => ({
      form: (
        await ownAndConsortiumConfigRowsBeyond(t.ctx.db, {
          institutionId: inst.id,
          held: `,${form.id}:${heldForm},`,
        }).execute()
      )[0]!,
      table: (
        await allTableRowsBeyond(t.ctx.db, {
          institutionId: inst.id,
          held: `,${table.id}:${heldTable},`,
        }).execute()
      ).find((r) => r.id === table.id)!,
    });
    const held = await read(form.revision, table.revision);
    expect(held.form).toEqual({ ...form, config: null });
    expect(held.table).toEqual({ ...table, default_output: null });
    const stale = await read(form.revision - 1, table.revision + 1);
    expect(stale.form).toEqual(form);
    expect(stale.table).toEqual(table);

    await upsertConfig(t.ctx.db, inst.id, form.config, false, at);
    await touchTable(t.ctx.db, table.id, at, table.default_output);
    const after = await read(form.revision, table.revision);
    expect(after.form).toMatchObject({ revision: form.revision + 1, config: form.config });
    expect(after.table).toMatchObject({ revision: table.revision + 1, default_output: table.default_output });
  });
});
