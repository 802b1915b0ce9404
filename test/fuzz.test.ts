import type { InjectOptions } from "fastify";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { Prng } from "../src/demo/prng.js";
import { client } from "./api.js";
import {
  admin,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type TitleFixture,
  type UserFixture,
} from "./factories.js";
import { useTestApp } from "./harness.js";
import {
  type Route,
  routesOf,
  type Operation,
  NUL,
  HOSTILE_STRINGS,
  toJson,
  HOSTILE_VALUES,
  HOSTILE_PATH,
  RAW_QUERIES,
  WHOLE_BODIES,
  enc,
  plausible,
  bodyFields,
  withField,
  poisoned,
} from "./fuzz-inputs.js";

/*
 * Hostile input against every route the app serves, as a General System Administrator of a fresh
 * institution and anonymously. No answer may be 5xx, and a request refused with 4xx must leave
 * every table of the institution as it found it. The routes come from the app itself
 * (printRoutes), their parameters and bodies from its OpenAPI document; the cases are drawn with
 * a fixed seed, so a failure names a case that reproduces. FUZZ_SEED=<n> tries another draw,
 * FUZZ_CASES=<n> draws more cases per route.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
/** cases drawn at random per route for the administrator, besides the ones every route gets */
const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? 12);

const t = useTestApp();

/**
 * How many drawn cases a route gets: the login hashes a password for every attempt that gets
 * that far (and is throttled), and the API docs' static files take no input.
 */
const drawsFor = (route: Route): number =>
  route.path === "/api/v1/auth/login" ? 3 : route.path.startsWith("/api/docs") ? 0 : CASES_PER_ROUTE;

/** Upload routes: the OpenAPI generator does not describe multipart bodies, their summaries do. */
const takesFile = (op: Operation | undefined): boolean =>
  Boolean(op?.requestBody?.content?.["multipart/form-data"]) || /multipart/i.test(`${op?.summary} ${op?.description}`);

interface Case {
  label: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  /** a multipart/form-data upload of one file field, for the routes that take files */
  file?: { name: string; bytes: Buffer };
  /** appended to the URL as it is, instead of `query` */
  rawQuery?: string;
}

interface Outcome {
  route: string;
  caller: string;
  label: string;
  status: number;
  problem: string;
}

describe("fuzz: hostile input on every route", () => {
  let inst: InstitutionFixture;
  let staff: UserFixture;
  let patron: UserFixture;
  let title: TitleFixture;
  let requestId: number;
  let tables: string[];

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    staff = await admin(t.ctx, inst);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    title = await makeTitle(t.ctx, inst);
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      required_pages_range: [{ from_page: "1", to_page: "6" }],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    requestId = Number(placed.body.request_id);
    const all = await t.ctx.db.introspection.getTables();
    tables = all.filter((x) => x.columns.some((c) => c.name === "institution_id")).map((x) => x.name);
    expect(tables.length).toBeGreaterThan(20);
  });

  /** Rows per table belonging to the institution, in one round trip. */
  async function snapshot(): Promise<Record<string, number>> {
    const parts = tables.map(
      (name) => sql`select ${name} as t, count(*) as n from ${sql.table(name)} where institution_id = ${inst.id}`,
    );
    parts.push(sql`select 'institutions' as t, count(*) as n from institutions where id = ${inst.id}`);
    const { rows } = await sql<{ t: string; n: number | string }>`${sql.join(parts, sql` union all `)}`.execute(
      t.ctx.db,
    );
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  }

  /** A real record for a path parameter, by the collection it follows, so handlers go past "not found". */
  function realParam(path: string, name: string): string {
    const before = path.split(`/:${name}`)[0]!.split("/").pop()!;
    const byCollection: Record<string, string | number> = {
      libraries: inst.libraries.main,
      locations: inst.locations.lawStacks,
      desks: inst.desks.mainDesk,
      departments: inst.departments.inst,
      "user-groups": inst.groups.UNDERGRAD,
      users: name === "user_id" && path.startsWith("/almaws") ? patron.primaryId : patron.id,
      bibs: title.mmsId,
      holdings: title.holdingId!,
      items: title.itemIds[0]!,
      requests: requestId,
      "rule-tables": "digitization",
      letters: "digitization_notification_item",
      templates: "en",
      operators: patron.id,
    };
    return String(byCollection[before] ?? 1);
  }

  function casesFor(route: Route, op: Operation | undefined, rng: Prng, anonymous: boolean): Case[] {
    const paramNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const baseParams = Object.fromEntries(paramNames.map((n) => [n, realParam(route.path, n)]));
    const queryParams = (op?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
    const bodySchema = op?.requestBody?.content?.["application/json"]?.schema;
    const hasBody = route.method !== "GET" && route.method !== "DELETE" ? true : bodySchema !== undefined;
    const baseBody = hasBody ? (bodySchema ? plausible(bodySchema) : {}) : undefined;
    const base = (label: string): Case => ({ label, params: { ...baseParams }, query: {}, body: baseBody });

    const always: Case[] = [base("plausible input")];
    if (takesFile(op)) {
      const bytes = Buffer.from("%PDF-1.7\n\u0000\u0001binary\n%%EOF\n");
      for (const name of ["scan.pdf", "scan\u0000.pdf", '"quoted"; name=x.pdf', "../../x.pdf", "é".repeat(300)]) {
        always.push({ ...base(`upload named ${JSON.stringify(name)}`), body: undefined, file: { name, bytes } });
      }
    }
    const poison: Case = base("NUL in every parameter, query field and body string");
    for (const n of paramNames) poison.params[n] = `${baseParams[n]}%00`;
    for (const q of queryParams) poison.query[q] = NUL;
    if (hasBody) poison.body = poisoned(bodySchema ? baseBody : { field: "x" });
    always.push(poison);
    if (anonymous) return always;
    // each field alone, so that no other field's validation error hides what this one does
    for (const n of paramNames)
      always.push({ ...base(`path ${n} with NUL`), params: { ...baseParams, [n]: `${baseParams[n]}%00` } });
    for (const q of queryParams) always.push({ ...base(`query ${q} with NUL`), query: { [q]: NUL } });
    if (hasBody) {
      for (const path of bodyFields(bodySchema))
        always.push({ ...base(`body ${path.join(".")} with NUL`), body: withField(baseBody, path, NUL) });
    }

    const pool: Case[] = [];
    for (const n of paramNames) {
      for (const v of HOSTILE_PATH) pool.push({ ...base(`path ${n}=${v}`), params: { ...baseParams, [n]: v } });
    }
    for (const q of queryParams) {
      for (const raw of RAW_QUERIES(q)) pool.push({ ...base(`raw query ${raw}`), rawQuery: raw });
    }
    for (const q of [...queryParams, "apikey", "unknown_field"]) {
      for (const v of HOSTILE_STRINGS)
        pool.push({ ...base(`query ${q}=${JSON.stringify(v).slice(0, 40)}`), query: { [q]: v } });
    }
    if (hasBody) {
      for (const path of bodyFields(bodySchema)) {
        for (const v of HOSTILE_VALUES) {
          pool.push({
            ...base(`body ${path.join(".")}=${JSON.stringify(v)?.slice(0, 40)}`),
            body: withField(baseBody, path, v),
          });
        }
      }
      WHOLE_BODIES.forEach((b, i) => pool.push({ ...base(`whole body #${i}`), body: b }));
    }
    const drawn: Case[] = [];
    for (let i = 0; i < drawsFor(route) && pool.length > 0; i++) {
      drawn.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
    }
    return [...always, ...drawn];
  }

  async function send(route: Route, c: Case, apiKey: string | null) {
    let url = route.path.replace(/:(\w+)/g, (_, n: string) => c.params[n]!).replace("*", "x");
    const qs = Object.entries(c.query)
      .map(([k, v]) => `${k}=${enc(v)}`)
      .join("&");
    if (qs) url += `?${qs}`;
    if (c.rawQuery) url += `?${c.rawQuery}`;
    const opts: InjectOptions = {
      method: route.method as InjectOptions["method"],
      url,
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    };
    if (c.file) {
      const boundary = "----fuzzboundary";
      opts.headers!["content-type"] = `multipart/form-data; boundary=${boundary}`;
      opts.payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${c.file.name}"\r\n` +
            "Content-Type: application/octet-stream\r\n\r\n",
        ),
        c.file.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    } else if (c.body !== undefined) {
      // JSON.stringify keeps lone surrogates as \ud800 escapes, as a client's JSON would carry them
      opts.payload = toJson(c.body);
      opts.headers!["content-type"] = "application/json";
    }
    return t.app.inject(opts);
  }

  it("answers no 5xx and writes nothing when it refuses, for every route", { timeout: 120_000 }, async () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false }))
      // deletions last, so that the records the other routes point at still exist
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    expect(routes.length).toBeGreaterThan(100);
    expect(routes).toContainEqual({ method: "POST", path: "/api/v1/auth/login" });
    const uploads = Object.values(doc.paths).filter((p) => takesFile(p.post));
    expect(uploads.length).toBeGreaterThanOrEqual(2);
    expect(routes).toContainEqual({ method: "POST", path: "/almaws/v1/users/:user_id/requests" });

    const rng = new Prng(SEED);
    const failures: Outcome[] = [];
    let sent = 0;
    /** accepted requests that changed row counts: proof that the comparison sees writes at all */
    let writesSeen = 0;
    let before: Record<string, number> | null = null;
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      for (const [caller, key] of [
        ["admin", staff.apiKey],
        ["anonymous", null],
      ] as const) {
        for (const c of casesFor(route, op, rng, caller === "anonymous")) {
          // reads change no row counts; a write is compared with the state just before it
          const writes = route.method !== "GET";
          if (writes && !before) before = await snapshot();
          const res = await send(route, c, key);
          sent++;
          const where = { route: `${route.method} ${route.path}`, caller, label: c.label, status: res.statusCode };
          if (res.statusCode >= 500) failures.push({ ...where, problem: res.body.slice(0, 200) });
          if (!writes || !before) continue;
          const after = await snapshot();
          const was = before;
          const changed = Object.keys(after).filter((k) => after[k] !== was[k]);
          if (res.statusCode < 400 && changed.length > 0) writesSeen++;
          if (res.statusCode >= 400 && changed.length > 0) {
            const diff = changed.map((k) => `${k} ${was[k]}→${after[k]}`).join(", ");
            failures.push({ ...where, problem: `refused but changed ${diff}` });
          }
          before = after;
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(writesSeen).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
