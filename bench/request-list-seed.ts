import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Insertable } from "kysely";
import { systemClock } from "../src/clock.js";
import { openDatabase, type Db } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import type { RequestState, RequestsTable, RoleCode, ScopeType } from "../src/db/schema.js";
import { createInstitution, INSTITUTION_DEPARTMENT_CODE } from "../src/organisation/create-institution.js";
import { issueApiKey } from "../src/people/api-keys.js";
import { DEFAULT_WORKFLOW } from "../src/rules/engine/workflow.js";
import { isActive } from "../src/requests/state-machine.js";
import { random, weighted } from "./seed-random.js";

/*
 * The million requests the request-list, work-queue and memory scenarios stand on (they read
 * copies made by queue-seed.ts and memory-seed.ts). Generating it takes a while, so
 * it is cached under bench/results/ (git-ignored), keyed by SEED_VERSION: change the version
 * whenever what is generated changes. Schema changes need no new version: the scenario opens
 * the file through migrateToLatest, which applies whatever migrations are new.
 */
const SEED_VERSION = 1;

export const REQUESTS = 1_000_000;
export const LIST_INSTITUTION_CODE = "LISTBENCH";
const PATRONS = 5_000;
const TITLES = 20_000;
/** Rows per multi-row INSERT: 22 columns x 1,000 rows stays under SQLite's 32,766 parameters. */
const CHUNK = 1_000;
/** Rows per transaction while generating requests: bounded memory, few commits. */
const BATCH = 50_000;

/** What a run needs to know about the cached database; written next to it. */
interface ListDataset {
  version: number;
  file: string;
  institutionId: number;
  libraries: { code: string; id: number }[];
  departmentCode: string;
  /** a patron with a typical number of requests, by primary id */
  patron: { id: number; primaryId: string };
  keys: { admin: string; operator: string; patron: string };
  operator: { id: number; libraryId: number };
  generatedSeconds: number;
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
const baseName = `request-list-v${SEED_VERSION}`;

/** The cached dataset, generated first when it is missing. */
export async function listDataset(log: (line: string) => void): Promise<ListDataset> {
  const manifest = path.join(resultsDir, `${baseName}.json`);
  const file = path.join(resultsDir, `${baseName}.db`);
  if (fs.existsSync(manifest) && fs.existsSync(file)) {
    return { ...(JSON.parse(fs.readFileSync(manifest, "utf8")) as ListDataset), file };
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  // Generated under a temporary name and renamed when complete: an interrupted generation
  // never leaves a file that looks cached.
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  log(`generating ${REQUESTS.toLocaleString("en")} requests into ${path.relative(process.cwd(), file)} (once)...`);
  const started = performance.now();
  const opened = openDatabase({ dialect: "sqlite", file: partial });
  let dataset: Omit<ListDataset, "file" | "generatedSeconds">;
  try {
    await migrateToLatest(opened.db, opened.dialect);
    dataset = await generate(opened.db, log);
  } finally {
    await opened.close();
  }
  const generatedSeconds = Math.round((performance.now() - started) / 100) / 10;
  fs.renameSync(partial, file);
  const out: ListDataset = { ...dataset, file, generatedSeconds };
  fs.writeFileSync(manifest, `${JSON.stringify(out, null, 2)}\n`);
  log(`generated in ${generatedSeconds} s`);
  return out;
}

// Most of a million requests are history; the open ones are recent, as in a real library.
const oldState = weighted<RequestState>([
  ["COMPLETED", 78],
  ["CANCELLED", 10],
  ["EXPIRED", 6],
  ["REJECTED", 3],
  ["DELIVERED", 2.5],
  ["PICK_FROM_SHELF", 0.2],
  ["IN_DIGITIZATION", 0.2],
  ["IN_TRANSIT", 0.1],
]);
const recentState = weighted<RequestState>([
  ["NEW", 10],
  ["PICK_FROM_SHELF", 20],
  ["IN_TRANSIT", 10],
  ["IN_DIGITIZATION", 15],
  ["DIGITIZED", 5],
  ["DELIVERED", 20],
  ["COMPLETED", 12],
  ["CANCELLED", 8],
]);
/** The newest requests that are still mostly open. */
const RECENT = 20_000;

const chunks = <T>(values: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));

/** Fills `db` (migrated, either dialect) with the list dataset; the queue bench builds on it. */
export async function generate(db: Db, log: (line: string) => void) {
  const now = systemClock.now();
  const at = now.toISOString();
  const { id: institutionId } = await createInstitution(
    db,
    { code: LIST_INSTITUTION_CODE, name: "List Bench University" },
    now,
  );
  const stamps = { institution_id: institutionId, created_at: at, updated_at: at };
  const rnd = random(20260101);

  const setup = await db.transaction().execute(async (tx) => {
    const libraries: { code: string; id: number; locationId: number }[] = [];
    for (const [code, name] of [
      ["MAIN", "Main Library"],
      ["LAW", "Law Library"],
    ] as const) {
      const lib = await tx
        .insertInto("libraries")
        .values({ ...stamps, code, name })
        .returning("id")
        .executeTakeFirstOrThrow();
      const loc = await tx
        .insertInto("locations")
        .values({ ...stamps, library_id: lib.id, code: "STACKS", name: "Stacks" })
        .returning("id")
        .executeTakeFirstOrThrow();
      libraries.push({ code, id: lib.id, locationId: loc.id });
    }
    const [main, law] = libraries as [(typeof libraries)[0], (typeof libraries)[0]];
    const desk = await tx
      .insertInto("circulation_desks")
      .values({
        ...stamps,
        library_id: main.id,
        code: "MAIN_DESK",
        name: "Main desk",
        supports_digitization: 1,
        work_time_days: 7,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const instDept = await tx
      .selectFrom("departments")
      .select("id")
      .where("institution_id", "=", institutionId)
      .where("code", "=", INSTITUTION_DEPARTMENT_CODE)
      .executeTakeFirstOrThrow();
    const lawDept = await tx
      .insertInto("departments")
      .values({
        ...stamps,
        code: "LAW_DIGI",
        name: "Law Library Digitization",
        description: null,
        work_time_days: 10,
        map_url: null,
        default_printer_id: null,
        owner_level: "library",
        owner_library_id: law.id,
        serves_all_libraries: 0,
        contact_info: JSON.stringify({ addresses: [], phones: [], emails: [] }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const group = await tx
      .insertInto("user_groups")
      .values({ ...stamps, code: "FACULTY", name: "Faculty" })
      .returning("id")
      .executeTakeFirstOrThrow();

    const person = (primaryId: string) => ({
      ...stamps,
      primary_id: primaryId,
      first_name: "Bench",
      last_name: primaryId,
      email: `${primaryId}@example.edu`,
      user_group_id: group.id,
      preferred_language: null,
      status: "ACTIVE" as const,
      expiry_date: null,
      password_hash: null,
    });
    const staff = async (primaryId: string, role: RoleCode, scope_type: ScopeType, scope_id: number | null) => {
      const user = await tx.insertInto("users").values(person(primaryId)).returning("id").executeTakeFirstOrThrow();
      await tx
        .insertInto("role_assignments")
        .values({ institution_id: institutionId, user_id: user.id, role, scope_type, scope_id, created_at: at })
        .execute();
      return {
        id: user.id,
        key: (await issueApiKey(tx, { id: user.id, institution_id: institutionId }, "bench", now)).key,
      };
    };
    const admin = await staff("admin", "GENERAL_SYSTEM_ADMINISTRATOR", "institution", null);
    const operator = await staff("law_requests", "REQUESTS_OPERATOR", "library", law.id);

    for (const chunk of chunks([...Array(PATRONS).keys()], CHUNK)) {
      await tx
        .insertInto("users")
        .values(chunk.map((i) => person(`patron${String(i).padStart(5, "0")}`)))
        .execute();
    }
    const patronIds = (
      await tx
        .selectFrom("users")
        .select("id")
        .where("institution_id", "=", institutionId)
        .where("primary_id", "like", "patron%")
        .orderBy("id")
        .execute()
    ).map((u) => u.id);

    // A title belongs to MAIN (70 %) or LAW; one holding and one item each, except every
    // twentieth title, which has a holding but no items (general digitization).
    for (const chunk of chunks([...Array(TITLES).keys()], CHUNK)) {
      await tx
        .insertInto("bibs")
        .values(
          chunk.map((i) => ({
            ...stamps,
            title: `List bench title ${i}`,
            author: "Author, Bench",
            publisher: null,
            publication_date: "1990",
            publication_year: 1990,
            edition: null,
            isbn: null,
            issn: null,
            language: "eng",
            material_type: "BOOK",
            extent: null,
            page_count: 300,
            identifiers: "{}",
          })),
        )
        .execute();
    }
    const bibIds = (
      await tx.selectFrom("bibs").select("id").where("institution_id", "=", institutionId).orderBy("id").execute()
    ).map((b) => b.id);
    const libraryOf = (n: number) => (n % 10 < 7 ? main : law);
    for (const chunk of chunks(bibIds, CHUNK)) {
      await tx
        .insertInto("holdings")
        .values(
          chunk.map((bibId) => ({
            ...stamps,
            bib_id: bibId,
            library_id: libraryOf(bibId).id,
            location_id: libraryOf(bibId).locationId,
            call_number: `KF ${bibId}`,
            summary_holdings: null,
          })),
        )
        .execute();
    }
    const holdings = await tx
      .selectFrom("holdings")
      .select(["id", "bib_id"])
      .where("institution_id", "=", institutionId)
      .orderBy("id")
      .execute();
    for (const chunk of chunks(
      holdings.filter((h) => h.bib_id % 20 !== 0),
      CHUNK,
    )) {
      await tx
        .insertInto("items")
        .values(
          chunk.map((h) => ({
            ...stamps,
            bib_id: h.bib_id,
            holding_id: h.id,
            library_id: libraryOf(h.bib_id).id,
            location_id: libraryOf(h.bib_id).locationId,
            barcode: `LB${String(h.bib_id).padStart(8, "0")}`,
            item_policy: null,
            material_type: null,
            description: null,
            page_count: null,
            process_status: "IN_PLACE" as const,
          })),
        )
        .execute();
    }
    const itemOfBib = new Map(
      (await tx.selectFrom("items").select(["id", "bib_id"]).where("institution_id", "=", institutionId).execute()).map(
        (i) => [i.bib_id, i.id],
      ),
    );
    return { main, law, desk, instDept, lawDept, admin, operator, patronIds, bibIds, itemOfBib };
  });

  const { main, law, patronIds, bibIds, itemOfBib } = setup;
  const form = JSON.stringify({
    partial_digitization: true,
    required_pages_range: [{ from_page: "1", to_page: "10" }],
    pages_requested: 10,
  });
  const workflow = JSON.stringify(DEFAULT_WORKFLOW);
  // Five years of requests, oldest first, so ids and dates grow together.
  const span = 5 * 365 * 86_400_000;
  const firstAt = now.getTime() - span;
  const day = 86_400_000;
  for (let start = 0; start < REQUESTS; start += BATCH) {
    const rows: Insertable<RequestsTable>[] = [];
    for (let n = start; n < Math.min(start + BATCH, REQUESTS); n++) {
      // Patrons are skewed (a few ask a lot, most a little); titles somewhat too.
      const patron = patronIds[Math.floor(rnd() ** 2 * PATRONS)]!;
      const bibId = bibIds[Math.floor(rnd() ** 1.5 * TITLES)]!;
      const itemId = itemOfBib.get(bibId) ?? null;
      const library = bibId % 10 < 7 ? main : law;
      const state = n >= REQUESTS - RECENT ? recentState(rnd()) : oldState(rnd());
      // MAIN requests go to the institution department, a fifth of them to the desk instead.
      const atDesk = library === main && rnd() < 0.2;
      const placed = firstAt + Math.floor((n / REQUESTS) * span);
      const closed = isActive(state) || state === "DELIVERED" ? null : new Date(placed + 9 * day).toISOString();
      rows.push({
        institution_id: institutionId,
        request_type: "DIGITIZATION",
        request_sub_type: itemId === null ? "GENERAL_DIGITIZATION" : "PATRON_DIGITIZATION",
        state,
        is_active: isActive(state) ? 1 : 0,
        user_id: patron,
        placed_by_user_id: patron,
        request_source: "patron",
        bib_id: bibId,
        item_id: itemId,
        library_id: library.id,
        department_id: atDesk ? null : library === main ? setup.instDept.id : setup.lawDept.id,
        desk_id: atDesk ? setup.desk.id : null,
        form,
        workflow,
        workflow_rule_id: null,
        request_date: new Date(placed).toISOString(),
        due_at: new Date(placed + 14 * day).toISOString(),
        closed_at: closed,
        updated_at: closed ?? new Date(placed).toISOString(),
      });
    }
    await db.transaction().execute(async (tx) => {
      for (const chunk of chunks(rows, CHUNK)) await tx.insertInto("requests").values(chunk).execute();
    });
    log(`  ${(start + rows.length).toLocaleString("en")} requests`);
  }

  const patron = await typicalPatron(db, institutionId);
  const patronKey = await issueApiKey(db, { id: patron.id, institution_id: institutionId }, "bench", now);
  return {
    version: SEED_VERSION,
    institutionId,
    libraries: [main, law].map((l) => ({ code: l.code, id: l.id })),
    departmentCode: "LAW_DIGI",
    patron: { id: patron.id, primaryId: patron.primary_id },
    keys: { admin: setup.admin.key, operator: setup.operator.key, patron: patronKey.key },
    operator: { id: setup.operator.id, libraryId: law.id },
  };
}

/** The patron whose request count is the median: neither the busiest nor an idle one. */
export async function typicalPatron(db: Db, institutionId: number): Promise<{ id: number; primary_id: string }> {
  const counts = await db
    .selectFrom("requests")
    .select(["user_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("institution_id", "=", institutionId)
    .groupBy("user_id")
    .orderBy("n")
    .orderBy("user_id")
    .execute();
  const typical = counts[Math.floor(counts.length / 2)]!;
  return db
    .selectFrom("users")
    .select(["id", "primary_id"])
    .where("id", "=", typical.user_id)
    .executeTakeFirstOrThrow();
}
