import { describe, expect, it } from "vitest";
import { institutionAt006 } from "../../../test/empty-database.js";
import { limitsOf } from "../../rules/tables/patron-limits.js";
import type { Db } from "../database.js";
import * as m011 from "./011_patron_limit_table.js";

/** Migration 011 on a database whose user groups carry their limits in a column. */
describe("migration 011 (patron limits as a rule table)", () => {
  it("moves every group's limit into its row of the patron limits table, keeping 0 and no limit apart", async () => {
    const { db, dialect, institutionId, at } = await institutionAt006();
    const inst = { id: institutionId };
    const groups = { NONE: 0, FIVE: 5, OPEN: null };
    for (const [code, max] of Object.entries(groups)) {
      await (db as unknown as Db)
        .insertInto("user_groups")
        .values({
          institution_id: inst.id,
          code,
          name: code,
          max_digitization_requests: max,
          created_at: at,
          updated_at: at,
        } as never)
        .execute();
    }
    await m011.up(db, dialect);

    const limits = await limitsOf(db as unknown as Db, inst.id, Object.keys(groups));
    expect(
      Object.fromEntries([...limits].map(([code, d]) => [code, [d.output.max_digitization_requests, d.ruleName]])),
    ).toEqual({
      NONE: [0, "Limit for NONE"],
      FIVE: [5, "Limit for FIVE"],
      OPEN: [null, "Limit for OPEN"],
    });
    const versions = await db.selectFrom("rule_versions").select(["action", "actor_user_id"]).execute();
    expect(versions.filter((v) => v.action === "created")).toHaveLength(3);
    const columns = (await db.introspection.getTables())
      .find((t) => t.name === "user_groups")!
      .columns.map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(["shared", "consortium_group_id"]));
    expect(columns).not.toContain("max_digitization_requests");
  });
});
