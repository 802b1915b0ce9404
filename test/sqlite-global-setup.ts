import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type {} from "./provided-context.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";

/**
 * Each test file gets a SQLite database of its own: migrated once here for the run, and copied
 * (see migratedSqliteFile in harness.ts), which takes a millisecond where migrating takes a
 * hundred or more, for each of the files.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-template-"));
  const file = path.join(dir, "recto.db");
  const opened = openDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(opened.db, "sqlite");
  } finally {
    // Closing checkpoints the write-ahead log into the file: the file alone is then the database.
    await opened.close();
  }
  project.provide("sqliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
