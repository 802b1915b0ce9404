import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Config } from "../src/config.js";
import type { AppContext } from "../src/server/context.js";
import { testPgUrl } from "./harness.js";

/** What the second process is asked to do (see second-process.ts). */
export type SecondProcessJob = { database: Config["database"]; now: string } & (
  { mode: "write-loop"; institutionId: number } | { mode: "place"; apiKey: string; mmsIds: number[] }
);

export type ChildReport =
  | { type: "ready" }
  | { type: "writing" }
  | { type: "done"; writes: number; errors: string[] }
  | { type: "done"; results: { status: number; code: string | null }[] }
  | { type: "failed"; error: string };

/** The database the test app runs on, as another process must name it. */
export async function testDatabase(ctx: AppContext): Promise<Config["database"]> {
  if (ctx.dialect === "postgres") return { dialect: "postgres", url: testPgUrl() };
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(ctx.db);
  const main = rows.find((r) => r.name === "main");
  if (!main?.file) throw new Error("the test database is not a file");
  return { dialect: "sqlite", file: main.file };
}

export interface SecondProcess {
  /** resolves at the first report of this type (rejects if the process fails or exits first) */
  next<T extends ChildReport["type"]>(type: T): Promise<Extract<ChildReport, { type: T }>>;
  send(type: "go" | "stop"): void;
  /** resolves with the exit code once the process has ended */
  exited: Promise<number | null>;
  child: ChildProcess;
}

/** Starts `node --import tsx test/second-process.ts` on the job: a separate OS process. */
export function startSecondProcess(job: SecondProcessJob): SecondProcess {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "second-process.ts");
  const child = fork(script, [JSON.stringify(job)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const reports: ChildReport[] = [];
  const waiters: (() => void)[] = [];
  let ended: string | null = null;
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.on("message", (msg: ChildReport) => {
    reports.push(msg);
    wake();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      ended = `the second process exited (code ${code})`;
      wake();
      resolve(code);
    }),
  );
  child.on("error", (err) => {
    ended = `the second process failed to start: ${err.message}`;
    wake();
  });
  return {
    child,
    exited,
    send: (type) => child.send({ type }),
    next: (type) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const failed = reports.find((r) => r.type === "failed");
          if (failed) return reject(new Error(`second process: ${(failed as { error: string }).error}`));
          const found = reports.find((r) => r.type === type);
          if (found) return resolve(found as never);
          if (ended) return reject(new Error(ended));
          waiters.push(check);
        };
        check();
      }),
  };
}
