import { describe, expect, it } from "vitest";
import { institutionAt006 } from "../../../test/empty-database.js";
import { STARTING_APPROVAL_REASONS } from "../../rules/service-terms/seed-approval-reasons.js";
import * as m014 from "./014_approval_reasons.js";

/** Migration 014 on a database whose digitization rules name their approval reasons in free text. */
describe("migration 014 (approval reasons)", () => {
  it("gives every institution the list and rewrites free-text reasons to codes, adding reasons for unknown ones", async () => {
    const { db, dialect, institutionId } = await institutionAt006();
    const inst = { id: institutionId };
    const table = await db
      .selectFrom("rule_tables")
      .select(["id", "default_output", "revision"])
      .where("institution_id", "=", inst.id)
      .where("kind", "=", "digitization")
      .executeTakeFirstOrThrow();
    const rules = await db
      .selectFrom("rules")
      .select(["id", "name", "output"])
      .where("rule_table_id", "=", table.id)
      .execute();
    // What the rules said before the list existed, and what an administrator may have typed.
    const freeText: Record<string, string> = {
      "Public domain by publication year": "public domain",
      "Government documents": "government work",
      "Faculty auto-approval": "faculty",
      Theses: "Fair Use",
      Maps: "licensed by publisher",
    };
    for (const [name, reason] of Object.entries(freeText)) {
      const rule = rules.find((r) => r.name === name)!;
      const output = { ...JSON.parse(rule.output), approval_mode: "automatic", approval_reason: reason };
      await db
        .updateTable("rules")
        .set({ output: JSON.stringify(output) })
        .where("id", "=", rule.id)
        .execute();
    }
    const defaultOutput = {
      ...JSON.parse(table.default_output),
      copyright_clearance_required: true,
      approval_mode: "automatic",
      approval_reason: "Licensed by publisher",
    };
    await db
      .updateTable("rule_tables")
      .set({ default_output: JSON.stringify(defaultOutput) })
      .where("id", "=", table.id)
      .execute();

    await m014.up(db, dialect);

    const reasons = await db
      .selectFrom("approval_reasons")
      .select(["code", "label", "active", "position"])
      .where("institution_id", "=", inst.id)
      .orderBy("position")
      .execute();
    expect(reasons.map((r) => [r.code, r.label, Number(r.active), Number(r.position)])).toEqual([
      ...STARTING_APPROVAL_REASONS.map((r, i) => [r.code, r.label, 1, i + 1]),
      ["LICENSED_BY_PUBLISHER", "Licensed by publisher", 1, STARTING_APPROVAL_REASONS.length + 1],
    ]);
    const after = await db
      .selectFrom("rules")
      .select(["id", "name", "output"])
      .where("rule_table_id", "=", table.id)
      .execute();
    const reasonOf = (name: string) => JSON.parse(after.find((r) => r.name === name)!.output).approval_reason;
    expect(Object.keys(freeText).map((name) => [name, reasonOf(name)])).toEqual([
      ["Public domain by publication year", "PUBLIC_DOMAIN"],
      ["Government documents", "GOVERNMENT_WORK"],
      ["Faculty auto-approval", "FACULTY_TEACHING"],
      ["Theses", "FAIR_USE"],
      ["Maps", "LICENSED_BY_PUBLISHER"],
    ]);
    const tableAfter = await db
      .selectFrom("rule_tables")
      .select(["default_output", "revision"])
      .where("id", "=", table.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(tableAfter.default_output).approval_reason).toBe("LICENSED_BY_PUBLISHER");
    expect(Number(tableAfter.revision)).toBeGreaterThan(Number(table.revision));

    // Every rewrite is in the history, by nobody, with what it said before.
    const versions = await db
      .selectFrom("rule_versions")
      .select(["rule_id", "action", "actor_user_id", "before", "after"])
      .where("rule_table_id", "=", table.id)
      .execute();
    expect(versions.map((v) => v.action).sort()).toEqual([
      "default_updated",
      "updated",
      "updated",
      "updated",
      "updated",
      "updated",
    ]);
    expect(versions.every((v) => v.actor_user_id === null)).toBe(true);
    const faculty = after.find((r) => r.name === "Faculty auto-approval")!;
    const facultyVersion = versions.find((v) => Number(v.rule_id) === Number(faculty.id))!;
    expect(JSON.parse(facultyVersion.before!).output.approval_reason).toBe("faculty");
    expect(JSON.parse(facultyVersion.after!).output.approval_reason).toBe("FACULTY_TEACHING");
  });
});
