import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateToLatest } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/database.js";
import { TEST_PG_ADMIN_URL } from "./pg-probe.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** One scratch database per run, so concurrent runs never share rows; dropped at the end. */
export default async function setup(project: TestProject) {
  const name = `recto_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const opened = openDatabase({ dialect: "postgres", url: url.toString() });
  await migrateToLatest(opened.db, "postgres");
  await opened.close();
  project.provide("pgUrl", url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}
