import { randomBytes } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import { deriveLinkToken, linkSecret, linkTokenHash } from "../src/delivery/link-tokens.js";
import { fileStorageFromConfig } from "../src/files/file-storage.js";
import { DEFAULT_WORKFLOW } from "../src/rules/engine/workflow.js";
import { median } from "./summary.js";
import type { Measurement, Scenario } from "./scenario.js";
import { seedInstitution } from "./seed.js";
import { startBenchServer } from "./server.js";

const FILE_MB = 100;
const MB = 1024 * 1024;
/** Several patrons downloading at once; more would only measure the loopback and the disk cache. */
const MAX_CONCURRENT = 4;

/** One GET of the whole file; resolves with its byte count and time, after checking the status. */
function download(url: string): Promise<{ bytes: number; ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ bytes, ms: performance.now() - started, status: res.statusCode ?? 0 }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export const scenario: Scenario = {
  name: "link-download",
  description: `GET /api/v1/downloads/:token/file of a ${FILE_MB} MB file on local disk, several concurrent downloads (MB/s)`,
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
      const unexpected: Record<string, number> = {};
      let errors = 0;
      const loop = async (until: number, sink: { bytes: number; ms: number[] } | null) => {
        while (performance.now() < until) {
          try {
            const d = await download(url);
            if (d.status !== 200 || d.bytes !== FILE_MB * MB)
              unexpected[String(d.status)] = (unexpected[String(d.status)] ?? 0) + 1;
            else if (sink) {
              sink.bytes += d.bytes;
              sink.ms.push(d.ms);
            }
          } catch {
            errors++;
          }
        }
      };
      const warmUntil = performance.now() + settings.warmupSeconds * 1000;
      await Promise.all(Array.from({ length: concurrent }, () => loop(warmUntil, null)));
      const sink = { bytes: 0, ms: [] as number[] };
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrent }, () => loop(started + settings.durationSeconds * 1000, sink)),
      );
      const seconds = (performance.now() - started) / 1000;
      const m: Measurement = {
        label: `download ${FILE_MB} MB x${concurrent} concurrent`,
        rps: sink.ms.length / seconds,
        p50: median(sink.ms),
        p99: percentile(sink.ms, 99),
        answers: sink.ms.length,
        accepted: sink.ms.length,
        unexpected,
        errors,
        sample: null,
      };
      return { measurements: [m], ratios: { "download MB/s": sink.bytes / MB / seconds } };
    } finally {
      await server.stop();
    }
  },
};
