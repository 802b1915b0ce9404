import { describe, expect, it } from "vitest";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { blockRow, type BlockRow } from "../../test/user-block-rows.js";
import { MAX_PREPARED_ROWS, prepared, preparedRows } from "./prepared.js";

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

describe("an insert of a few rows built once", () => {
  type Block = BlockRow;
  const block = blockRow;
  const insertBlocks = preparedRows((db, rows: Block[]) =>
    db.insertInto("user_blocks").values(rows).returning(["user_id", "note", "expires_at"]),
  );

  it("writes each call's rows, whatever their number, in order", async () => {
    const inst = await makeInstitution(t.ctx);
    const user = await makeUser(t.ctx, inst);
    const who = { id: user.id, institutionId: inst.id };
    expect(await insertBlocks(t.ctx.db, [block(who, "one")])).toEqual([
      { user_id: user.id, note: "one", expires_at: null },
    ]);
    const two = await insertBlocks(t.ctx.db, [block(who, "two", "2027-01-01T00:00:00.000Z"), block(who, "three")]);
    expect(two.map((r) => r.note)).toEqual(["two", "three"]);
    expect(two[0]!.expires_at).toBe("2027-01-01T00:00:00.000Z");
    // The same shape again, and more rows than are ever built once.
    expect((await insertBlocks(t.ctx.db, [block(who, "four")])).map((r) => r.note)).toEqual(["four"]);
    const many = Array.from({ length: MAX_PREPARED_ROWS + 2 }, (_, i) => block(who, `many ${i}`));
    expect((await insertBlocks(t.ctx.db, many)).map((r) => r.note)).toEqual(many.map((b) => b.note));
    const stored = await t.ctx.db.selectFrom("user_blocks").select("note").where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(4 + MAX_PREPARED_ROWS + 2);
  });

  it("leaves out a column whose value is undefined, as Kysely does, in every row", async () => {
    const inst = await makeInstitution(t.ctx);
    const user = await makeUser(t.ctx, inst);
    const who = { id: user.id, institutionId: inst.id };
    const open = (note: string): Block => ({ ...block(who, note), expires_at: undefined as unknown as null });
    expect(await insertBlocks(t.ctx.db, [open("one")])).toEqual([{ user_id: user.id, note: "one", expires_at: null }]);
    const two = await insertBlocks(t.ctx.db, [open("two"), open("three")]);
    expect(two).toEqual([
      { user_id: user.id, note: "two", expires_at: null },
      { user_id: user.id, note: "three", expires_at: null },
    ]);
  });

  it("refuses rows whose columns differ, writing none of them", async () => {
    const inst = await makeInstitution(t.ctx);
    const user = await makeUser(t.ctx, inst);
    const who = { id: user.id, institutionId: inst.id };
    const short = {
      institution_id: inst.id,
      user_id: user.id,
      block_type: "GENERAL",
      note: "short",
      created_at: "2026-03-02T09:00:00.000Z",
    } as Block;
    await expect(insertBlocks(t.ctx.db, [block(who, "full"), short])).rejects.toThrow(/same columns/);
    await expect(insertBlocks(t.ctx.db, [short, block(who, "full")])).rejects.toThrow(/same columns/);
    const stored = await t.ctx.db.selectFrom("user_blocks").select("note").where("user_id", "=", user.id).execute();
    expect(stored).toEqual([]);
  });
});
