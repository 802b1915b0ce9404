import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach } from "vitest";
import { openDatabase, type OpenedDb } from "../src/db/database.js";
import * as m001 from "../src/db/migrations/001_initial.js";
import * as m005 from "../src/db/migrations/005_outbox_indexes.js";
import * as m006 from "../src/db/migrations/006_rule_engine.js";
import { testDialect } from "./harness.js";
import { TEST_PG_ADMIN_URL } from "./pg-probe.js";

/*
 * An empty database of the dialect under test (a SQLite file, or a scratch PostgreSQL database),
 * dropped after the test: for migration tests, since the shared test database is already at the
 * latest version.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

export async function emptyDatabase(): Promise<OpenedDb> {
  if (testDialect() === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-migration-"));
    const opened = openDatabase({ dialect: "sqlite", file: path.join(dir, "recto.db") });
    cleanups.push(async () => {
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return opened;
  }
  const name = `recto_migration_${process.pid}_${Date.now()}_${cleanups.length}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const opened = openDatabase({ dialect: "postgres", url: url.toString() });
  cleanups.push(async () => {
    await opened.close();
    const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  return opened;
}

/**
 * An institution in a database at migration 006 (rule tables, before everything since): the
 * starting point of the migration tests that turn old rows into new ones.
 */
export async function institutionAt006(): Promise<OpenedDb & { institutionId: number; at: string }> {
  const opened = await emptyDatabase();
  const { db, dialect } = opened;
  await m001.up(db, dialect);
  await m005.up(db, dialect);
  const at = "2026-03-02T09:00:00.000Z";
  const inst = await db
    .insertInto("institutions")
    .values({ code: "OLD", name: "Old", time_zone: "UTC", default_language: "en", created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  await m006.up(db, dialect);
  return Object.assign(opened, { institutionId: inst.id, at });
}
