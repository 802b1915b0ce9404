import { describe, expect, it } from "vitest";
import { institutionAt006 } from "../../../test/empty-database.js";
import { STARTING_FORM } from "./021_request_form.data.js";
import * as m021 from "./021_request_form.js";

describe("migration 021 (request form)", () => {
  it("gives every existing institution the starting form, not applied to members", async () => {
    const { db, dialect, institutionId } = await institutionAt006();
    await m021.up(db, dialect);
    const rows = await db.selectFrom("request_form_configs").selectAll().execute();
    expect(rows.map((r) => [r.institution_id, r.applies_to_members])).toEqual([[institutionId, 0]]);
    const config = JSON.parse(rows[0]!.config);
    expect(config).toEqual(JSON.parse(JSON.stringify(STARTING_FORM)));
    expect(config.fields).toHaveLength(15);
    expect(config.fields.every((f: any) => f.mandatory === false)).toBe(true);
  });
});
