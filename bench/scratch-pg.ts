import pg from "pg";
import { BENCH_PG_URL } from "./catalogue-generate-pg.js";

/** A scratch PostgreSQL database beside BENCH_PG_URL's, named for the scenario, dropped afterwards. */
export async function withScratchPg<T>(what: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `recto_bench_${what}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(BENCH_PG_URL);
    url.pathname = `/${name}`;
    try {
      return await fn(url.toString());
    } finally {
      await admin.query(`drop database if exists ${name}`);
    }
  } finally {
    await admin.end();
  }
}
