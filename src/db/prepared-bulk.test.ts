import { describe, expect, it } from "vitest";
import { makeInstitution, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { blockRow, type BlockRow } from "../../test/user-block-rows.js";
import { preparedBulk } from "./prepared-bulk.js";

const t = useTestApp();

type Block = BlockRow;

const insertBlocks = preparedBulk((db, rows: Block[]) =>
  db.insertInto("user_blocks").values(rows).returning(["id", "note", "expires_at"]),
);

async function aUser() {
  const inst = await makeInstitution(t.ctx);
  const user = await makeUser(t.ctx, inst);
  return { id: user.id, institutionId: inst.id };
}

const block = blockRow;

const notesOf = async (userId: number) =>
  (await t.ctx.db.selectFrom("user_blocks").select("note").where("user_id", "=", userId).orderBy("id").execute()).map(
    (r) => r.note,
  );

describe("a bulk insert built once per number of rows", () => {
  it("writes every row of each call with its own values, in order, whatever their number", async () => {
    const who = await aUser();
    const written: string[] = [];
    // fewer than a piece, a piece exactly, a piece and a remainder, more than the largest piece
    for (const count of [1, 3, 15, 16, 17, 100, 3, 300, 17]) {
      const rows = Array.from({ length: count }, (_, i) =>
        block(who, `${count}/${i}`, i % 2 ? `2027-01-0${(i % 9) + 1}T00:00:00.000Z` : null),
      );
      const returned = await insertBlocks(t.ctx.db, rows);
      expect(returned.map((r) => [r.note, r.expires_at])).toEqual(rows.map((r) => [r.note, r.expires_at]));
      expect(new Set(returned.map((r) => r.id)).size).toBe(count);
      written.push(...rows.map((r) => r.note!));
    }
    expect(await notesOf(who.id)).toEqual(written);
    expect(await insertBlocks(t.ctx.db, [])).toEqual([]);
  });

  it("leaves out a column whose value is undefined, as Kysely does", async () => {
    const who = await aUser();
    const open = (note: string): Block => ({ ...block(who, note), expires_at: undefined as unknown as null });
    const rows = Array.from({ length: 20 }, (_, i) => open(`open ${i}`));
    const returned = await insertBlocks(t.ctx.db, rows);
    expect(returned.map((r) => r.expires_at)).toEqual(rows.map(() => null));
    expect(await notesOf(who.id)).toEqual(rows.map((r) => r.note));
  });

  it("refuses rows whose columns differ, writing none of them", async () => {
    const who = await aUser();
    const { expires_at: _, ...short } = block(who, "short");
    const extra = { ...block(who, "extra"), block_reason: "x" } as Block;
    const full = Array.from({ length: 40 }, (_, i) => block(who, `full ${i}`));
    for (const odd of [short as Block, extra]) {
      await expect(insertBlocks(t.ctx.db, [...full, odd])).rejects.toThrow(/same columns/);
      await expect(insertBlocks(t.ctx.db, [odd, ...full])).rejects.toThrow(/same columns/);
    }
    expect(await notesOf(who.id)).toEqual([]);
  });

  it("writes nothing of a piece that fails, and answers the error", async () => {
    const who = await aUser();
    const rows = Array.from({ length: 20 }, (_, i) => block(who, `bad ${i}`));
    rows[18] = { ...rows[18]!, user_id: -1 };
    await expect(t.ctx.db.transaction().execute((tx) => insertBlocks(tx, rows))).rejects.toThrow();
    expect(await notesOf(who.id)).toEqual([]);
  });
});
