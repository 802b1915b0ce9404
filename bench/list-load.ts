import http from "node:http";
import type { LoadSettings, Measurement } from "./scenario.js";

/** One list to read: the first page, and as many following pages as `pages` has entries. */
export interface ListTarget {
  label: string;
  apiKey: string;
  /** path with query, e.g. /api/v1/requests?state=PICK_FROM_SHELF */
  path: string;
  /** the request ids every page must hold, in order; the walk follows next_cursor through them */
  pages: string[][];
}

interface Answer {
  status: number;
  body: string;
}

function get(agent: http.Agent, base: URL, path: string, apiKey: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, path, headers: { authorization: `Bearer ${apiKey}` } },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;

/**
 * Reads a list at a fixed concurrency: each connection walks the target's pages one after the
 * other (following next_cursor) and starts over, until the phase ends. autocannon cannot chain
 * a cursor from one answer into the next request, hence this small driver. Every answer is
 * checked: 200, exactly the expected request ids, and a next_cursor exactly when a further page
 * is expected; anything else is counted as unexpected instead of as throughput.
 */
export async function walkLists(baseUrl: string, settings: LoadSettings, target: ListTarget): Promise<Measurement> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.connections });
  const unexpected: Record<string, number> = {};
  let sample: string | null = null;
  let accepted = 0;
  let errors = 0;
  const bad = (kind: string, detail: string) => {
    unexpected[kind] = (unexpected[kind] ?? 0) + 1;
    sample ??= detail.slice(0, 400);
  };
  const expected = target.pages.map((ids) => ids.join(","));

  const phase = async (seconds: number, latencies: number[] | null) => {
    const end = performance.now() + seconds * 1000;
    const connection = async () => {
      while (performance.now() < end) {
        let path = target.path;
        for (let page = 0; page < target.pages.length; page++) {
          const started = performance.now();
          let answer: Answer;
          try {
            answer = await get(agent, base, path, target.apiKey);
          } catch (err) {
            errors++;
            sample ??= String(err);
            break;
          }
          latencies?.push(performance.now() - started);
          if (answer.status !== 200) {
            bad(String(answer.status), `${answer.status} ${answer.body}`);
            break;
          }
          const body = JSON.parse(answer.body) as { requests: { request_id: string }[]; next_cursor: string | null };
          const ids = body.requests.map((r) => r.request_id).join(",");
          const last = page === target.pages.length - 1;
          if (ids !== expected[page] || (last ? false : body.next_cursor === null)) {
            bad("200 with other rows", `page ${page + 1}: expected ${expected[page]}, got ${ids}`);
            break;
          }
          accepted++;
          if (last) break;
          const sep = target.path.includes("?") ? "&" : "?";
          path = `${target.path}${sep}cursor=${encodeURIComponent(body.next_cursor!)}`;
        }
      }
    };
    await Promise.all(Array.from({ length: settings.connections }, connection));
  };

  try {
    await phase(settings.warmupSeconds, null);
    const latencies: number[] = [];
    const started = performance.now();
    await phase(settings.durationSeconds, latencies);
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      label: target.label,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      answers: latencies.length,
      accepted,
      unexpected,
      errors,
      sample,
    };
  } finally {
    agent.destroy();
  }
}
