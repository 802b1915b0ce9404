import fs from "node:fs";
import autocannon, { type RawRequest, type Result } from "autocannon";

/*
 * The load generator, in its own process (started by load.ts's drive()): it must not share the
 * measured server's event loop, or every request it builds and every answer it parses is time
 * taken from the server. It reads a job file (the target and a pool of prepared requests,
 * rotated across all connections), runs a warm-up then the measured window, and writes both
 * results, with the first unexpected answer, to the result file the job names.
 */

export interface LoadJob {
  url: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  method: "POST" | "GET";
  path: string;
  expectStatus: number;
  /** request n uses pool[n % pool.length] */
  pool: { headers: Record<string, string>; body?: string; path?: string }[];
  resultFile: string;
}

export interface LoadOutcome {
  warm: Result;
  main: Result;
  sample: string | null;
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as LoadJob;
  const expected = String(job.expectStatus);
  let n = 0;
  let sample: string | null = null;
  const phase = (duration: number) =>
    autocannon({
      url: job.url,
      connections: job.connections,
      duration,
      headers: { "content-type": "application/json" },
      requests: [
        {
          method: job.method,
          path: job.path,
          setupRequest: (req: RawRequest): RawRequest => {
            const next = job.pool[n++ % job.pool.length]!;
            return {
              ...req,
              ...(next.path ? { path: next.path } : {}),
              headers: { ...req.headers, ...next.headers },
              body: next.body ?? "",
            };
          },
          onResponse: (status: number, body: string) => {
            if (String(status) !== expected && sample === null) sample = `${status} ${body.slice(0, 400)}`;
          },
        },
      ],
    });
  const warm = await phase(job.warmupSeconds);
  const measured = await phase(job.durationSeconds);
  const outcome: LoadOutcome = { warm, main: measured, sample };
  fs.writeFileSync(job.resultFile, JSON.stringify(outcome));
}

await main();
