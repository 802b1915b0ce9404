import autocannon, { type RawRequest, type Result } from "autocannon";
import type { LoadSettings, Measurement } from "./scenario.js";

interface Target {
  label: string;
  method: "POST" | "GET";
  path: string;
  expectStatus: number;
  /** Builds the n-th request's extra headers and body; consecutive n should differ (caller, record). */
  request(n: number): { headers: Record<string, string>; body?: string; path?: string };
}

const countsOf = (r: Result): [string, number][] =>
  Object.entries(r.statusCodeStats).map(([status, { count }]) => [status, Number(count)]);

/**
 * Drives one target with autocannon at a fixed concurrency: a warm-up, then the measured
 * window. Every answer of both phases is checked against the expected status, so a run that
 * measured errors says so instead of reporting their (fast) latency as throughput.
 */
export async function drive(baseUrl: string, settings: LoadSettings, target: Target): Promise<Measurement> {
  let n = 0;
  let sample: string | null = null;
  const expected = String(target.expectStatus);
  const phase = (duration: number) =>
    autocannon({
      url: baseUrl,
      connections: settings.connections,
      duration,
      headers: { "content-type": "application/json" },
      requests: [
        {
          method: target.method,
          path: target.path,
          // autocannon calls this for every request it builds; the shared counter rotates
          // callers and records across all connections.
          setupRequest: (req: RawRequest): RawRequest => {
            const next = target.request(n++);
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

  const warm = await phase(settings.warmupSeconds);
  const main = await phase(settings.durationSeconds);
  const unexpected: Record<string, number> = {};
  let accepted = 0;
  for (const [status, count] of [...countsOf(warm), ...countsOf(main)]) {
    if (status === expected) accepted += count;
    else unexpected[status] = (unexpected[status] ?? 0) + count;
  }
  return {
    label: target.label,
    rps: main.requests.average,
    p50: main.latency.p50,
    p99: main.latency.p99,
    answers: countsOf(main).reduce((sum, [, count]) => sum + count, 0),
    accepted,
    unexpected,
    errors: warm.errors + main.errors,
    sample,
  };
}
