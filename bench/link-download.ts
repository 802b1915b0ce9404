import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { deriveLinkToken, linkSecret, linkTokenHash } from "../src/delivery/link-tokens.js";
import { fileStorageFromConfig } from "../src/files/file-storage.js";
import { LocalDiskStorage } from "../src/files/local-disk-storage.js";
import { DEFAULT_WORKFLOW } from "../src/rules/engine/workflow.js";
import { median } from "./summary.js";
import { FIGURES, type LoadSettings, type Measurement, type Scenario } from "./scenario.js";
import { seedInstitution } from "./seed.js";
import { startBenchServer } from "./server.js";

const FILE_MB = 100;
const MB = 1024 * 1024;
/** Several patrons downloading at once; more would only measure the loopback and the disk cache. */
const MAX_CONCURRENT = 4;
/** Turns each of Recto and the reference takes within one run. */
const ROUNDS = 3;

/*
 * The clients run in a child process (4 concurrent GETs of the whole file, in a loop), so the
 * server under test has its own event loop, as it would behind real patrons. It prints one JSON
 * line: the bytes and the time of each complete download, and the statuses that were not 200.
 */
const CLIENTS = `
const http = require("node:http");
const [url, size, concurrent, warmMs, measureMs] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true });
const get = () => new Promise((resolve) => {
  const started = performance.now();
  http.get(url, { agent }, (res) => {
    let bytes = 0;
    res.on("data", (c) => (bytes += c.length));
    res.on("end", () => resolve({ ok: res.statusCode === 200 && bytes === Number(size), status: res.statusCode, bytes, ms: performance.now() - started }));
    res.on("error", () => resolve({ ok: false, status: "error", bytes: 0, ms: 0 }));
  }).on("error", () => resolve({ ok: false, status: "error", bytes: 0, ms: 0 }));
});
(async () => {
  const out = { bytes: 0, ms: [], unexpected: {}, errors: 0, seconds: 0 };
  const loop = async (until, sink) => {
    while (performance.now() < until) {
      const d = await get();
      if (d.status === "error") out.errors++;
      else if (!d.ok) out.unexpected[d.status] = (out.unexpected[d.status] ?? 0) + 1;
      else if (sink) { out.bytes += d.bytes; out.ms.push(d.ms); }
    }
  };
  const n = Number(concurrent);
  const warm = performance.now() + Number(warmMs);
  await Promise.all(Array.from({ length: n }, () => loop(warm, false)));
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, () => loop(started + Number(measureMs), true)));
  out.seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify(out) + "\\n");
})();
`;

interface ClientRun {
  bytes: number;
  ms: number[];
  unexpected: Record<string, number>;
  errors: number;
  seconds: number;
}

function runClients(url: string, concurrent: number, settings: LoadSettings): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const args = [url, FILE_MB * MB, concurrent, settings.warmupSeconds * 1000, settings.durationSeconds * 1000];
    const child = spawn(process.execPath, ["-e", CLIENTS, ...args.map(String)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      try {
        resolve(JSON.parse(out) as ClientRun);
      } catch {
        reject(new Error(`the download clients exited ${code}: ${out.slice(0, 300)}`));
      }
    });
  });
}

/** Several client runs as one: their downloads and their measured time added up. */
function combine(runs: ClientRun[]): ClientRun {
  const unexpected: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.unexpected)) unexpected[k] = (unexpected[k] ?? 0) + v;
  return {
    bytes: runs.reduce((n, r) => n + r.bytes, 0),
    ms: runs.flatMap((r) => r.ms),
    unexpected,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

function measurement(label: string, run: ClientRun): Measurement {
  return {
    label,
    rps: run.ms.length / run.seconds,
    p50: median(run.ms),
    p99: percentile(run.ms, 99),
    answers: run.ms.length,
    accepted: run.ms.length,
    unexpected: run.unexpected,
    errors: run.errors,
    sample: null,
  };
}

/** The reference: a bare node:http server piping a plain fs.createReadStream of the same file. */
async function plainFileServer(file: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/pdf", "content-length": String(FILE_MB * MB) });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/file`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const scenario: Scenario = {
  name: "link-download",
  description: `GET /api/v1/downloads/:token/file of a ${FILE_MB} MB file on local disk, 4 concurrent downloads from a separate process, beside a plain node:http file stream of the same file (MB/s and their ratio)`,
  async run(settings) {
    const server = await startBenchServer();
    try {
      const { ctx } = server;
      const seeded = await seedInstitution(ctx, { patrons: 1, titles: 1 });
      const at = new Date().toISOString();
      const key = `${seeded.institutionId}/bench/${FILE_MB}mb.pdf`;
      const block = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(MB - 9)]);
      await fileStorageFromConfig(ctx.config).put(key, Readable.from(Array.from({ length: FILE_MB }, () => block)));
      const request = await ctx.db
        .insertInto("requests")
        .values({
          institution_id: seeded.institutionId,
          request_type: "DIGITIZATION",
          request_sub_type: "GENERAL_DIGITIZATION",
          state: "DELIVERED",
          is_active: 1,
          user_id: seeded.patrons[0]!.id,
          placed_by_user_id: seeded.patrons[0]!.id,
          request_source: "patron",
          bib_id: seeded.mmsIds[0]!,
          item_id: null,
          library_id: (
            await ctx.db
              .selectFrom("libraries")
              .select("id")
              .where("institution_id", "=", seeded.institutionId)
              .executeTakeFirstOrThrow()
          ).id,
          department_id: null,
          desk_id: null,
          form: "{}",
          workflow: JSON.stringify(DEFAULT_WORKFLOW),
          workflow_rule_id: null,
          request_date: at,
          due_at: at,
          closed_at: null,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const file = await ctx.db
        .insertInto("request_files")
        .values({
          institution_id: seeded.institutionId,
          request_id: request.id,
          storage_key: key,
          file_name: "bench.pdf",
          content_type: "application/pdf",
          size_bytes: FILE_MB * MB,
          sha256: "-",
          page_count: null,
          active: 1,
          uploaded_by_user_id: seeded.patrons[0]!.id,
          created_at: at,
          deleted_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const token = deriveLinkToken(linkSecret(ctx.config), {
        institutionId: seeded.institutionId,
        outboxId: 0,
        fileId: file.id,
      });
      await ctx.db
        .insertInto("delivery_links")
        .values({
          institution_id: seeded.institutionId,
          request_id: request.id,
          file_id: file.id,
          outbox_id: null,
          token_hash: linkTokenHash(token),
          max_views: 1_000_000,
          views: 0,
          expires_at: new Date(Date.now() + 86_400_000).toISOString(),
          revoked_at: null,
          created_at: at,
        })
        .execute();

      const url = `${server.baseUrl}/api/v1/downloads/${token}/file`;
      const concurrent = Math.min(settings.connections, MAX_CONCURRENT);
      const plain = await plainFileServer(new LocalDiskStorage(ctx.config.filesDir).pathOf(key));
      // Recto and the reference take turns, ROUNDS times each, so a change in the machine's load
      // during the run weighs on both alike instead of on whichever ran then.
      const slice: LoadSettings = {
        ...settings,
        warmupSeconds: Math.max(1, settings.warmupSeconds / ROUNDS),
        durationSeconds: settings.durationSeconds / ROUNDS,
      };
      const recto: ClientRun[] = [];
      const reference: ClientRun[] = [];
      try {
        for (let round = 0; round < ROUNDS; round++) {
          recto.push(await runClients(url, concurrent, slice));
          reference.push(await runClients(plain.url, concurrent, slice));
        }
      } finally {
        await plain.close();
      }
      const rectoRun = combine(recto);
      const referenceRun = combine(reference);
      const rectoMBs = rectoRun.bytes / MB / rectoRun.seconds;
      const plainMBs = referenceRun.bytes / MB / referenceRun.seconds;
      return {
        measurements: [
          measurement(`Recto link download ${FILE_MB} MB x${concurrent} concurrent`, rectoRun),
          measurement(`reference: plain node:http + fs.createReadStream x${concurrent}`, referenceRun),
        ],
        ratios: {
          "Recto download MB/s": rectoMBs,
          "reference plain file stream MB/s": plainMBs,
          "Recto MB/s over plain file stream MB/s (goal >= 0.8)": rectoMBs / plainMBs,
        },
        figures: [
          {
            figure: FIGURES.linkDownload,
            database: null,
            value: rectoMBs,
            unit: "MB/s",
            reference: plainMBs,
            referenceName: "plain node:http + fs.createReadStream",
            goal: { ratioAtLeast: 0.8 },
          },
        ],
      };
    } finally {
      await server.stop();
    }
  },
};
