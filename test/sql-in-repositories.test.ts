import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The lint rule that keeps SQL in repositories (eslint/import-directions.js, sql-in-repositories),
// run through the project's own eslint.config.js, so the wiring is proven as well as the rule.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "recto/sql-in-repositories").map((m) => m.message);
}

const QUERIES = {
  "selectFrom()": `export const q = (db: any) => db.selectFrom("users").selectAll().execute();`,
  "insertInto()": `export const q = (db: any) => db.insertInto("request_events").values({}).execute();`,
  "updateTable()": `export const q = (db: any) => db.updateTable("rule_tables").set({}).execute();`,
  "deleteFrom()": `export const q = (tx: any) => tx.deleteFrom("rules").execute();`,
  "sql`…`": `import { sql } from "kysely";\nexport const q = () => sql<number>\`1 = 1\`;`,
  "sql.raw()": `import { sql } from "kysely";\nexport const q = () => sql.raw("1 = 1");`,
};

describe("SQL only in repositories", () => {
  it.each(Object.entries(QUERIES))("refuses %s in a use case, a policy or a seed", async (what, code) => {
    for (const file of [
      "src/requests/decide-task.ts",
      "src/requests/policy.ts",
      "src/rules/tables/seed-rule-tables.ts",
    ]) {
      const found = await problems(file, code);
      expect(found, file).toHaveLength(1);
      expect(found[0]).toContain(`${file} writes SQL (${what})`);
      expect(found[0]).toContain("Which repository owns which table");
    }
  });

  it.each(Object.entries(QUERIES))("allows %s in repositories, src/db/, tests and test/", async (_what, code) => {
    for (const file of [
      "src/requests/repository.ts",
      "src/requests/parts-repository.ts",
      "src/db/database.ts",
      "src/db/migrations/099_example.ts",
      "src/requests/transitions.test.ts",
      "test/factories.ts",
      "bench/example.ts",
    ]) {
      expect(await problems(file, code), file).toEqual([]);
    }
  });

  it("does not mistake other calls for queries", async () => {
    const code = `export const q = (db: any, eb: any) => [db.transaction(), eb.and([]), eb("id", "=", 1), "selectFrom"];`;
    expect(await problems("src/requests/policy.ts", code)).toEqual([]);
  });
});
