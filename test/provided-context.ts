// What the global setups (pg-global-setup.ts, sqlite-global-setup.ts) hand to the test files
// through vitest's provide/inject, typed in one place that every program reading them includes.
declare module "vitest" {
  export interface ProvidedContext {
    /** one PostgreSQL scratch database per vitest worker, in worker order (VITEST_POOL_ID 1 first) */
    pgUrls: string[];
    /** a SQLite database file migrated to the latest version, for test files to copy */
    sqliteTemplate: string;
  }
}

export {};
