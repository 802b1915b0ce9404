import { performance } from "node:perf_hooks";
import { compileTable, type EngineRule } from "../src/rules/engine/engine.js";
import { drive } from "./load.js";
import type { LoadSettings, Measurement, Scenario } from "./scenario.js";
import { seedInstitution } from "./seed.js";
import { startBenchServer } from "./server.js";

const RULES = 50;
const PATRONS = 100;
const TITLES = 500;
const BATCH = 1000;

/**
 * A 50-rule digitization table shaped like a real one (groups, years, percentages, material
 * types); the facts match only the last rule, so every decision tries all fifty.
 */
function fiftyRuleTable() {
  const rules: EngineRule<string>[] = Array.from({ length: RULES }, (_, i) => ({
    id: i + 1,
    name: `Rule ${i + 1}`,
    enabled: i % 7 !== 3,
    conditions:
      i === RULES - 1
        ? [{ parameter: "user_group", operator: "equals", value: "FACULTY" }]
        : [
            { parameter: "user_group", operator: "in_list", value: ["UNDERGRAD", "GRAD", "STAFF"] },
            { parameter: "publication_year", operator: "less_than", value: 1900 + i },
            { parameter: "percentage_requested", operator: "greater_than", value: 10 },
            { parameter: "material_type", operator: "not_in_list", value: ["MAP", "VIDEO"] },
          ],
    output: `workflow ${i + 1}`,
  }));
  return compileTable({ rules, defaultOutput: "default" });
}

/** Decisions per second in-process, measured in batches so the clock does not dominate. */
function measureDecisions(label: string, trace: boolean, settings: LoadSettings): Measurement {
  const table = fiftyRuleTable();
  const facts = [
    { user_group: "FACULTY", publication_year: 1990, percentage_requested: 12.5, material_type: "BOOK" },
    { user_group: "FACULTY", publication_year: 1850, percentage_requested: 50, material_type: "JOURNAL" },
  ];
  const run = (seconds: number) => {
    const perDecisionMs: number[] = [];
    let count = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      const start = performance.now();
      for (let i = 0; i < BATCH; i++) {
        const d = table.evaluate(facts[i & 1]!, { trace });
        if (d.ruleId !== RULES) throw new Error(`${label}: rule ${d.ruleId} decided, expected rule ${RULES}`);
      }
      perDecisionMs.push((performance.now() - start) / BATCH);
      count += BATCH;
    }
    return { perDecisionMs, count };
  };
  run(settings.warmupSeconds);
  const { perDecisionMs, count } = run(settings.durationSeconds);
  const sorted = perDecisionMs.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    label,
    rps: count / settings.durationSeconds,
    p50: at(0.5),
    p99: at(0.99),
    answers: count,
    accepted: count,
    unexpected: {},
    errors: 0,
    sample: null,
  };
}

export const scenario: Scenario = {
  name: "rule-evaluation",
  description: `decisions/s of a ${RULES}-rule table in-process (with and without trace); GET request-options over HTTP`,
  async run(settings) {
    const plain = measureDecisions(`${RULES}-rule table, no trace (decisions/s)`, false, settings);
    const traced = measureDecisions(`${RULES}-rule table, with trace (decisions/s)`, true, settings);
    const server = await startBenchServer();
    try {
      const seeded = await seedInstitution(server.ctx, { patrons: PATRONS, titles: TITLES });
      const options = await drive(server.baseUrl, settings, {
        label: "GET request-options",
        method: "GET",
        path: `/api/v1/bibs/${seeded.mmsIds[0]}/request-options`,
        expectStatus: 200,
        request: (n) => ({
          headers: { authorization: `Bearer ${seeded.patrons[n % PATRONS]!.apiKey}` },
          path: `/api/v1/bibs/${seeded.mmsIds[n % TITLES]}/request-options`,
        }),
      });
      return {
        measurements: [plain, traced, options],
        ratios: { "trace / no trace": plain.rps > 0 ? traced.rps / plain.rps : 0 },
      };
    } finally {
      await server.stop();
    }
  },
};
