import { sql, type RawNode } from "kysely";
import { describe, expect, it } from "vitest";
import { makeInstitution } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { importOptions, marcDataAvailable, marcFile } from "../../../test/marc-data.js";
import { importMarc } from "./import-marc.js";

/*
 * On PostgreSQL the import refreshes the tables' statistics as it grows (import-repository.ts,
 * refreshStatistics). ANALYZE holds a lock that another ANALYZE of the same table waits for (the
 * next import of another institution, autovacuum) until its transaction ends: run inside a batch,
 * it held it for the rest of the batch. PostgreSQL only (a *.pg.test.ts file).
 */

const t = useTestApp();

/**
 * Whether a session between two statements of a transaction holds ANALYZE's lock on bibs, asked
 * from another connection (an ANALYZE running elsewhere in the test run is active, not idle).
 */
async function analyzeLockHeld(): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks l
    join pg_class c on c.oid = l.relation join pg_stat_activity a on a.pid = l.pid
    where c.relname = 'bibs' and l.mode = 'ShareUpdateExclusiveLock' and l.granted
      and a.state = 'idle in transaction'`.execute(t.ctx.db);
  return rows[0]!.n > 0;
}

describe.skipIf(!marcDataAvailable)("statistics refreshed during an import", () => {
  it("holds ANALYZE's lock for the statement only, not for the rest of a batch", async () => {
    const inst = await makeInstitution(t.ctx);
    const afterAnalyze: boolean[] = [];
    // the same database, asking who holds the lock as soon as each ANALYZE has answered
    const analyzeQueries = new Set<unknown>();
    const db = t.ctx.db.withPlugin({
      transformQuery: (args) => {
        const raw = args.node.kind === "RawNode" ? (args.node as RawNode).sqlFragments.join("") : "";
        if (/^\s*analyze\b/i.test(raw)) analyzeQueries.add(args.queryId);
        return args.node;
      },
      transformResult: async (args) => {
        if (analyzeQueries.has(args.queryId)) afterAnalyze.push(await analyzeLockHeld());
        return args.result;
      },
    });
    const report = await importMarc(
      db,
      [marcFile("evergreen/jazz_1k.mrc")],
      importOptions(inst.id, t.clock.now(), { batchSize: 500 }),
    );
    expect(report.bibs_created).toBe(1000);
    // refreshed once, at 1,000 records
    expect(afterAnalyze).toEqual([false]);
  });
});
