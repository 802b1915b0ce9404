import pg from "pg";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import {
  catalogueHash,
  catalogueRecords,
  checkRecordCount,
  INSTITUTION_CODE,
  INSTITUTION_NAME,
  LIBRARIES,
  RECORDS,
  type CatalogueRecord,
} from "./catalogue-records.js";

/*
 * The search benchmark's generated catalogue on PostgreSQL: the same records as the SQLite file
 * (catalogue-records.ts), in a database named by record count and catalogueHash, created once
 * on the server at BENCH_PG_URL and reused by later runs. It is built under a "_partial" name and
 * renamed when complete, so an interrupted generation never looks cached.
 */

/** The admin connection: it creates, renames and drops the bench databases. */
export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** BENCH_PG_URL for messages, without a password it may hold. */
export const BENCH_PG_URL_SHOWN = ((url) => {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(not a URL)";
  }
})(BENCH_PG_URL);
const PREFIX = "recto_bench_search_";
/** Records per INSERT (one array per column, so no parameter limit) and per transaction. */
const STATEMENT_ROWS = 5_000;
const TRANSACTION_ROWS = 50_000;

/** Why no server answers at BENCH_PG_URL, or null when one does. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface GeneratedPgCatalogue {
  url: string;
  database: string;
  institutionCode: string;
  /** seconds spent generating, or null when the cached database was used */
  generatedSeconds: number | null;
}

const urlOf = (database: string): string => {
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The names of the bench's databases on the server that begin with `prefix`. */
export async function benchDatabases(admin: pg.Client, prefix: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where starts_with(datname, $1)",
    [prefix],
  );
  return rows.map((r) => r.datname);
}

/** The cached catalogue database, built first if there is none for this generator and schema. */
export async function generatedPgCatalogue(log: (line: string) => void): Promise<GeneratedPgCatalogue> {
  checkRecordCount();
  const database = `${PREFIX}${RECORDS}_${catalogueHash(import.meta.url)}`;
  const partial = `${database}_partial`;
  const cached = { url: urlOf(database), database, institutionCode: INSTITUTION_CODE };
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  try {
    const existing = await benchDatabases(admin, PREFIX);
    if (existing.includes(database)) return { ...cached, generatedSeconds: null };
    // an older generator's or schema's catalogue, or an interrupted generation
    for (const datname of existing) {
      log(`  dropping ${datname}`);
      await admin.query(`drop database ${ident(datname)} with (force)`);
    }
    const started = performance.now();
    await admin.query(`create database ${ident(partial)}`);
    await fill(urlOf(partial), log, started);
    await admin.query(`alter database ${ident(partial)} rename to ${ident(database)}`);
    return { ...cached, generatedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await admin.end();
  }
}

async function fill(url: string, log: (line: string) => void, started: number): Promise<void> {
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  const opened = openDatabase({ dialect: "postgres", url }, { poolSize: 1 });
  let institutionId: number;
  try {
    await migrateToLatest(opened.db, "postgres");
    ({ id: institutionId } = await createInstitution(
      opened.db,
      { code: INSTITUTION_CODE, name: INSTITUTION_NAME },
      new Date(),
    ));
  } finally {
    await opened.close();
  }

  // Bulk rows go straight through the driver: the records are scenery, the search is measured.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set synchronous_commit = off");
    await client.query("set maintenance_work_mem = '512MB'");
    const at = new Date().toISOString();
    const places: { library: number; location: number }[] = [];
    for (const code of LIBRARIES) {
      const library = await client.query<{ id: number }>(
        "insert into libraries (institution_id, code, name, created_at, updated_at) values ($1, $2, $3, $4, $4) returning id",
        [institutionId, code, `${code} Library`, at],
      );
      const location = await client.query<{ id: number }>(
        "insert into locations (institution_id, library_id, code, name, created_at, updated_at) values ($1, $2, 'STACKS', 'Stacks', $3, $3) returning id",
        [institutionId, library.rows[0]!.id, at],
      );
      places.push({ library: Number(library.rows[0]!.id), location: Number(location.rows[0]!.id) });
    }

    // Building an index once over a million rows is far quicker than growing it row by row
    // (five GIN indexes on the search table): drop the indexes no constraint needs and
    // re-create them from their own definitions afterwards, whatever the migrations made them.
    // Not the holdings' own: a record's facets (migration 029) are read from its holdings by bib.
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_class t on t.oid = i.indrelid
       where t.relname in ('bibs', 'bibs_search') and t.relnamespace = current_schema()::regnamespace
         and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    );
    for (const { name } of indexes) await client.query(`drop index ${ident(name)}`);
    // Each holding would rewrite its record's search row: the facets are set once at the end.
    await client.query("alter table holdings disable trigger holdings_search_facets");

    const firstId = Number(
      (await client.query<{ n: string }>("select coalesce(max(id), 0) + 1 as n from bibs")).rows[0]!.n,
    );
    // The search table is filled by migration 009's trigger on bibs, as for any other writer.
    const insertBibs = `insert into bibs (id, title, author, publisher, publication_date, publication_year, isbn,
        language, material_type, extent, identifiers, subjects, institution_id, created_at, updated_at)
      select u.*, $1::bigint, $2::timestamptz, $2::timestamptz
      from unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[],
        $11::text[], $12::text[], $13::text[], $14::text[]) as u`;
    const insertHoldings = `insert into holdings (institution_id, bib_id, library_id, location_id, call_number,
        created_at, updated_at)
      select $1::bigint, u.*, $2::timestamptz, $2::timestamptz
      from unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::text[]) as u`;
    const records = catalogueRecords(RECORDS);
    for (let from = 0; from < RECORDS; from += TRANSACTION_ROWS) {
      await client.query("begin");
      for (let n = from; n < Math.min(RECORDS, from + TRANSACTION_ROWS); n += STATEMENT_ROWS) {
        const count = Math.min(STATEMENT_ROWS, RECORDS - n);
        const batch: CatalogueRecord[] = Array.from({ length: count }, () => records.next().value!);
        const ids = batch.map((_, k) => firstId + n + k);
        const column = <K extends keyof CatalogueRecord>(key: K) => batch.map((r) => r[key]);
        await client.query(insertBibs, [
          institutionId,
          at,
          ids,
          column("title"),
          column("author"),
          column("publisher"),
          column("publication_date"),
          column("publication_year"),
          column("isbn"),
          column("language"),
          column("material_type"),
          column("extent"),
          column("identifiers"),
          column("subjects"),
        ]);
        const place = (k: number) => places[(n + k) % LIBRARIES.length]!;
        await client.query(insertHoldings, [
          institutionId,
          at,
          ids,
          ids.map((_, k) => place(k).library),
          ids.map((_, k) => place(k).location),
          ids.map((id) => `QA76 .B${id}`),
        ]);
      }
      await client.query("commit");
      if ((from + TRANSACTION_ROWS) % 100_000 === 0) {
        log(`  generated ${from + TRANSACTION_ROWS} of ${RECORDS} records (${seconds()} s)`);
      }
    }
    // explicit ids leave the identity behind: the next ordinary insert must not collide
    await client.query("select setval(pg_get_serial_sequence('bibs', 'id'), (select max(id) from bibs))");

    // A record missing from the search table would be found on SQLite and not here.
    const { rows: counts } = await client.query<{ bibs: number; indexed: number }>(
      "select (select count(*) from bibs) as bibs, (select count(*) from bibs_search) as indexed",
    );
    if (counts[0]!.bibs !== counts[0]!.indexed) {
      throw new Error(`only ${counts[0]!.indexed} of ${counts[0]!.bibs} records reached the search table`);
    }
    await client.query("alter table holdings enable trigger holdings_search_facets");
    await client.query("update bibs_search set facets = recto_search_facets(bib_id)");
    // the update left a dead copy of every row: compact the table as a long-lived one would be
    await client.query("vacuum full bibs_search");
    log(`  facets set (${seconds()} s)`);
    for (const { name, definition } of indexes) {
      await client.query(definition);
      log(`  index ${name} rebuilt (${seconds()} s)`);
    }
    // Vacuum as well as analyze: a freshly loaded table has no visibility map yet, so the first
    // runs would otherwise pay for setting hint bits that a long-lived database has long set.
    await client.query("vacuum (analyze) bibs, holdings, bibs_search");
    log(`  vacuumed and analyzed (${seconds()} s)`);
  } finally {
    await client.end();
  }
}
