import { describe, expect, it } from "vitest";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { prepared } from "./prepared.js";

const t = useTestApp();

describe("a query built once", () => {
  const usersOf = prepared((db, v: { institutionId: number; primaryId: string }) =>
    db
      .selectFrom("users")
      .select(["id", "primary_id"])
      .where("institution_id", "=", v.institutionId)
      .where("primary_id", "=", v.primaryId)
      .where("status", "=", "ACTIVE"),
  );

  it("runs with each call's values in their places, its constants kept", async () => {
    const inst = await makeInstitution(t.ctx);
    const [a, b] = [await makeUser(t.ctx, inst), await makeUser(t.ctx, inst)];
    const inactive = await makeUser(t.ctx, inst, { status: "INACTIVE" });
    expect(await usersOf(t.ctx.db, { institutionId: inst.id, primaryId: a.primaryId })).toEqual([
      { id: a.id, primary_id: a.primaryId },
    ]);
    expect(await usersOf(t.ctx.db, { institutionId: inst.id, primaryId: b.primaryId })).toEqual([
      { id: b.id, primary_id: b.primaryId },
    ]);
    expect(await usersOf(t.ctx.db, { institutionId: inst.id, primaryId: inactive.primaryId })).toEqual([]);
    // In a transaction too.
    const inTx = await t.ctx.db
      .transaction()
      .execute((tx) => usersOf(tx, { institutionId: inst.id, primaryId: b.primaryId }));
    expect(inTx).toEqual([{ id: b.id, primary_id: b.primaryId }]);
  });

  it("refuses a call without a value, and a value that did not become a parameter", async () => {
    const inst = await makeInstitution(t.ctx);
    const missing = { institutionId: inst.id } as { institutionId: number; primaryId: string };
    await usersOf(t.ctx.db, { institutionId: inst.id, primaryId: "x" });
    await expect(usersOf(t.ctx.db, missing)).rejects.toThrow(/no value for primaryId/);
    const unused = prepared((db, v: { institutionId: number; ignored: string }) =>
      db.selectFrom("users").select("id").where("institution_id", "=", v.institutionId),
    );
    await expect(unused(t.ctx.db, { institutionId: inst.id, ignored: "x" })).rejects.toThrow(
      /ignored did not become parameters/,
    );
  });
});
