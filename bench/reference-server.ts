import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import Fastify from "fastify";
import pg from "pg";

/*
 * The reference placement is measured against (issue 14): a bare Fastify app with the same
 * driver Recto uses, doing exactly one INSERT per POST — a prepared better-sqlite3 statement on
 * a WAL file with Recto's pragmas, or one INSERT through a pg pool of Recto's size. It runs in
 * its own process, as Recto's server does not share one with its load generator either.
 *
 *   node --import tsx bench/reference-server.ts sqlite <file> | postgres <url>
 *
 * prints {"port": n} once it listens. POST /insert answers 201, GET /count the rows written.
 */

const ROW = { institution_id: 1, user_id: 1 };

async function serve(kind: string, where: string): Promise<void> {
  const app = Fastify({ logger: false });
  let close: () => Promise<void>;
  if (kind === "sqlite") {
    const db = new SQLite(where);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(
      "create table if not exists bench_inserts (id integer primary key autoincrement, institution_id integer not null, user_id integer not null, at text not null)",
    );
    const insert = db.prepare("insert into bench_inserts (institution_id, user_id, at) values (?, ?, ?)");
    const count = db.prepare("select count(*) as n from bench_inserts");
    app.post("/insert", async (_req, reply) => {
      insert.run(ROW.institution_id, ROW.user_id, new Date().toISOString());
      return reply.status(201).send({ inserted: true });
    });
    app.get("/count", async () => count.get());
    close = async () => {
      db.close();
    };
  } else {
    const pool = new pg.Pool({ connectionString: where, max: 10 });
    await pool.query(
      "create table if not exists bench_inserts (id bigserial primary key, institution_id bigint not null, user_id bigint not null, at timestamptz not null)",
    );
    app.post("/insert", async (_req, reply) => {
      await pool.query("insert into bench_inserts (institution_id, user_id, at) values ($1, $2, $3)", [
        ROW.institution_id,
        ROW.user_id,
        new Date().toISOString(),
      ]);
      return reply.status(201).send({ inserted: true });
    });
    app.get("/count", async () => ({
      n: Number((await pool.query("select count(*) as n from bench_inserts")).rows[0].n),
    }));
    close = () => pool.end();
  }
  app.addHook("onClose", async () => close());
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
  process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

export interface ReferenceServer {
  baseUrl: string;
  rows(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the reference in a child process on `sqlite` file or `postgres` url. */
export async function startReferenceServer(kind: "sqlite" | "postgres", where: string): Promise<ReferenceServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), kind, where],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`reference server exited with ${code} before listening`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    async rows() {
      const answer = await fetch(`${baseUrl}/count`);
      return Number(((await answer.json()) as { n: number }).n);
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await serve(process.argv[2]!, process.argv[3]!);
}
