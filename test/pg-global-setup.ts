import os from "node:os";
import pg from "pg";
import type { TestProject } from "vitest/node";
import type {} from "./provided-context.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/database.js";
import { TEST_PG_ADMIN_URL } from "./pg-probe.js";

/**
 * Scratch databases for one run, so concurrent runs never share rows; dropped at the end. Test
 * files run side by side in several workers, but they were written for one shared database used
 * by one file at a time (a worker's job may claim any due row, not only its own institution's):
 * each worker gets a database of its own, so the files that share one still run one after the
 * other, as when the suite ran in a single worker. Migrated once, then copied (CREATE DATABASE …
 * TEMPLATE), which is much cheaper than migrating each.
 */
export default async function setup(project: TestProject) {
  const base = `recto_test_${process.pid}_${Date.now()}`;
  // At least one per worker: vitest numbers its workers from 1 to maxWorkers (or fewer when unset).
  const workers = Number(project.globalConfig.maxWorkers) || os.availableParallelism();
  const names = Array.from({ length: workers }, (_, i) => `${base}_w${i + 1}`);
  const urlOf = (name: string) => {
    const url = new URL(TEST_PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  const created: string[] = [];
  try {
    await admin.query(`create database ${base}`);
    created.push(base);
    const opened = openDatabase({ dialect: "postgres", url: urlOf(base) });
    try {
      await migrateToLatest(opened.db, "postgres");
    } finally {
      await opened.close();
    }
    for (const name of names) {
      await admin.query(`create database ${name} template ${base}`);
      created.push(name);
    }
  } catch (err) {
    await dropAll(admin, created);
    throw err;
  } finally {
    await admin.end();
  }
  project.provide("pgUrls", names.map(urlOf));

  return async () => {
    const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await client.connect();
    await dropAll(client, created);
    await client.end();
  };
}

async function dropAll(client: pg.Client, names: string[]): Promise<void> {
  for (const name of names) await client.query(`drop database if exists ${name} with (force)`);
}
