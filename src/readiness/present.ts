import type { z } from "zod";
import type { Readiness } from "./check-readiness.js";
import type { readinessSchema } from "./schemas.js";

/** The readiness answer as JSON: ids as strings, like every id the API answers. */
export function presentReadiness(r: Readiness): z.infer<typeof readinessSchema> {
  return {
    ready: r.ready,
    checks: r.checks.map((c) => ({
      ...c,
      problems: c.problems.map((p) => ({
        ...p,
        subject: { ...p.subject, id: p.subject.id === null ? null : String(p.subject.id) },
      })),
    })),
  };
}
