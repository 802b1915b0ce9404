import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { Measurement, Scenario } from "./scenario.js";
import { seedInstitution } from "./seed.js";
import { startBenchServer } from "./server.js";

/*
 * What a placement's writes cost on their own (issue 14), on SQLite: the rows one placement
 * writes (the request with its indexes, its two history events, its receipt and pick slip), with
 * no HTTP, no reads, no checks, straight through better-sqlite3's prepared statements, beside the
 * placement reference's one INSERT into a bare table, in the same process and database file.
 * It is the floor under the placement figure: a placement can go no faster than its writes.
 */

const PATRONS = 300;
const TITLES = 3000;
const ROUNDS = 4000;
const GROUP = 16;

type Row = Record<string, unknown>;

function insertOf(db: SQLite.Database, table: string, template: Row) {
  const columns = Object.keys(template).filter((c) => c !== "id");
  const sql = `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`;
  const statement = db.prepare(sql);
  return (row: Row) => statement.run(...columns.map((c) => row[c]));
}

function timed(label: string, n: number, fn: () => void): Measurement {
  const started = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    label,
    rps: n / seconds,
    p50: 0,
    p99: 0,
    answers: n,
    accepted: n,
    unexpected: {},
    errors: 0,
    sample: null,
  };
}

export const scenario: Scenario = {
  name: "placement-floor",
  description:
    `a placement's writes alone on SQLite (request, 2 events, 2 outbox rows; no HTTP, reads or checks), ` +
    `${ROUNDS} placements, vs. one INSERT into a bare table, same process and file`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-floor-"));
    const file = path.join(dir, "floor.db");
    try {
      const server = await startBenchServer(undefined, { databaseFile: file });
      let requestId: number;
      let seeded: Awaited<ReturnType<typeof seedInstitution>>;
      try {
        seeded = await seedInstitution(server.ctx, { patrons: PATRONS, titles: TITLES });
        // One real placement gives the rows to copy.
        const placed = await server.app.inject({
          method: "POST",
          url: "/api/v1/requests",
          headers: { authorization: `Bearer ${seeded.patrons[0]!.apiKey}`, "content-type": "application/json" },
          payload: JSON.stringify({
            mms_id: String(seeded.mmsIds[0]),
            required_pages_range: [{ from_page: "1", to_page: "10" }],
          }),
        });
        if (placed.statusCode !== 201) throw new Error(`placement failed: ${placed.body}`);
        requestId = Number((JSON.parse(placed.body) as { request_id: string }).request_id);
      } finally {
        await server.stop();
      }

      const db = new SQLite(file);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      try {
        const request = db.prepare("select * from requests where id = ?").get(requestId) as Row;
        const events = db
          .prepare("select * from request_events where request_id = ? order by id")
          .all(requestId) as Row[];
        const letters = db.prepare("select * from outbox where request_id = ? order by id").all(requestId) as Row[];
        if (events.length !== 2 || letters.length !== 2) {
          throw new Error(`expected 2 events and 2 outbox rows, found ${events.length} and ${letters.length}`);
        }
        const itemOf = new Map(
          (db.prepare("select bib_id, id from items").all() as { bib_id: number; id: number }[]).map((r) => [
            r.bib_id,
            r.id,
          ]),
        );
        const putRequest = insertOf(db, "requests", request);
        const putEvent = insertOf(db, "request_events", events[0]!);
        const putLetter = insertOf(db, "outbox", letters[0]!);
        let n = 1;
        const placement = () => {
          const bib = seeded.mmsIds[n % TITLES]!;
          const { lastInsertRowid } = putRequest({
            ...request,
            user_id: seeded.patrons[n % PATRONS]!.id,
            bib_id: bib,
            item_id: itemOf.get(bib) ?? null,
          });
          n++;
          for (const event of events) putEvent({ ...event, request_id: lastInsertRowid });
          for (const letter of letters) putLetter({ ...letter, request_id: lastInsertRowid });
        };
        const alone = db.transaction(placement);
        const grouped = db.transaction(() => {
          for (let i = 0; i < GROUP; i++) placement();
        });

        db.exec(
          "create table bench_inserts (id integer primary key autoincrement, institution_id integer not null, user_id integer not null, at text not null)",
        );
        const bare = db.prepare("insert into bench_inserts (institution_id, user_id, at) values (?, ?, ?)");
        const warm = () => {
          for (let i = 0; i < 200; i++) bare.run(1, 1, new Date().toISOString());
        };
        warm();
        const reference = timed("one INSERT into a bare table, a transaction each", ROUNDS * 4, () => {
          for (let i = 0; i < ROUNDS * 4; i++) bare.run(1, 1, new Date().toISOString());
        });
        const each = timed("a placement's writes, a transaction each", ROUNDS, () => {
          for (let i = 0; i < ROUNDS; i++) alone();
        });
        const together = timed(`a placement's writes, ${GROUP} per transaction`, ROUNDS, () => {
          for (let i = 0; i < ROUNDS / GROUP; i++) grouped();
        });
        return {
          measurements: [reference, each, together],
          ratios: {
            "placement's writes alone / bare INSERT, a transaction each": each.rps / reference.rps,
            [`placement's writes alone / bare INSERT, ${GROUP} per transaction`]: together.rps / reference.rps,
          },
        };
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
