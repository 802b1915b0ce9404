import {
  EXPECTED_FIGURES,
  isClean,
  type Figure,
  type FigureDatabase,
  type Goal,
  type Measurement,
  type ScenarioRun,
} from "./scenario.js";

interface Row {
  label: string;
  rps: number;
  p50: number;
  /** null when the scenario's driver does not measure it */
  p95: number | null;
  p99: number;
  answers: number;
  /** summed over all runs: a single bad answer anywhere makes the figures suspect */
  unexpected: Record<string, number>;
  errors: number;
  sample: string | null;
  /** each run's rps, to show the spread the median hides */
  rpsPerRun: number[];
}

export interface Summary {
  rows: Row[];
  ratios: Record<string, { median: number; perRun: number[] }>;
  clean: boolean;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The median of every figure across runs, row by row (rows are matched by label). */
export function summarise(runs: ScenarioRun[]): Summary {
  const byLabel = new Map<string, Measurement[]>();
  for (const m of runs.flatMap((r) => r.measurements)) byLabel.set(m.label, [...(byLabel.get(m.label) ?? []), m]);
  const rows = [...byLabel.entries()].map(([label, ms]): Row => {
    const unexpected: Record<string, number> = {};
    for (const m of ms) for (const [s, c] of Object.entries(m.unexpected)) unexpected[s] = (unexpected[s] ?? 0) + c;
    return {
      label,
      rps: median(ms.map((m) => m.rps)),
      p50: median(ms.map((m) => m.p50)),
      p95: ms.every((m) => m.p95 !== undefined) ? median(ms.map((m) => m.p95!)) : null,
      p99: median(ms.map((m) => m.p99)),
      answers: median(ms.map((m) => m.answers)),
      unexpected,
      errors: ms.reduce((sum, m) => sum + m.errors, 0),
      sample: ms.find((m) => m.sample !== null)?.sample ?? null,
      rpsPerRun: ms.map((m) => m.rps),
    };
  });
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.ratios)))];
  const ratios = Object.fromEntries(
    names.map((name) => {
      const perRun = runs.map((r) => r.ratios[name]).filter((v): v is number => v !== undefined);
      return [name, { median: median(perRun), perRun }];
    }),
  );
  return { rows, ratios, clean: runs.every((r) => r.measurements.every(isClean)) };
}

const fixed = (v: number, digits: number) => v.toFixed(digits);

/** A plain-text table: one line per row, then the ratios. */
export function formatTable(title: string, summary: Summary, runs: number): string {
  const header = ["", "req/s", "p50 ms", "p95 ms", "p99 ms", "answers", "bad answers", "errors", "req/s per run"];
  const lines = summary.rows.map((r) => [
    r.label,
    fixed(r.rps, 1),
    fixed(r.p50, 1),
    r.p95 === null ? "-" : fixed(r.p95, 1),
    fixed(r.p99, 1),
    String(r.answers),
    Object.keys(r.unexpected).length
      ? Object.entries(r.unexpected)
          .map(([s, c]) => `${c} x ${s}`)
          .join(", ")
      : "0",
    String(r.errors),
    r.rpsPerRun.map((v) => fixed(v, 0)).join(" / "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const out = [title, render(header), render(widths.map((w) => "-".repeat(w))), ...lines.map(render)];
  for (const [name, ratio] of Object.entries(summary.ratios)) {
    out.push(
      `${name}: ${fixed(ratio.median, 3)}  (median of ${runs} runs: ${ratio.perRun.map((v) => fixed(v, 3)).join(" / ")})`,
    );
  }
  for (const r of summary.rows) if (r.sample) out.push(`first bad answer for ${r.label}: ${r.sample}`);
  return out.join("\n");
}

/** One line of the figures table: the median across a scenario's runs. */
export interface FigureRow {
  figure: string;
  database: FigureDatabase;
  unit: string | null;
  value: number | null;
  reference: number | null;
  referenceName: string | null;
  ratio: number | null;
  goal: Goal;
  /** null: not measured */
  met: boolean | null;
  runs: number;
}

const figureKey = (f: { figure: string; database: FigureDatabase }) => `${f.figure}\u0000${f.database ?? ""}`;

function meets(goal: Goal, value: number, ratio: number | null): boolean {
  if (goal.atMost !== undefined && !(value <= goal.atMost)) return false;
  if (goal.atLeast !== undefined && !(value >= goal.atLeast)) return false;
  if (goal.ratioAtLeast !== undefined && !(ratio !== null && ratio >= goal.ratioAtLeast)) return false;
  return true;
}

/**
 * The figures of every run of every scenario, median by figure: the issue's expected figures
 * first (each once, "not measured" when no run filled it), then any other figure a scenario gave.
 * The ratio is the median of the per-run ratios, each taken within its own run.
 */
export function summariseFigures(runs: ScenarioRun[]): FigureRow[] {
  const byKey = new Map<string, Figure[]>();
  for (const f of runs.flatMap((r) => r.figures ?? []))
    byKey.set(figureKey(f), [...(byKey.get(figureKey(f)) ?? []), f]);
  const keys = [
    ...EXPECTED_FIGURES.map(figureKey),
    ...[...byKey.keys()].filter((k) => !EXPECTED_FIGURES.some((e) => figureKey(e) === k)),
  ];
  return keys.map((key) => {
    const measured = byKey.get(key) ?? [];
    const expected = EXPECTED_FIGURES.find((e) => figureKey(e) === key);
    const first = measured[0];
    const goal = first?.goal ?? expected!.goal;
    const base = { figure: first?.figure ?? expected!.figure, database: first?.database ?? expected!.database, goal };
    if (!first)
      return {
        ...base,
        unit: null,
        value: null,
        reference: null,
        referenceName: null,
        ratio: null,
        met: null,
        runs: 0,
      };
    const value = median(measured.map((f) => f.value));
    const withReference = measured.filter((f) => f.reference !== undefined && f.reference > 0);
    const reference = withReference.length ? median(withReference.map((f) => f.reference!)) : null;
    const ratio = withReference.length ? median(withReference.map((f) => f.value / f.reference!)) : null;
    return {
      ...base,
      unit: first.unit,
      value,
      reference,
      referenceName: first.referenceName ?? null,
      ratio,
      met: meets(goal, value, ratio),
      runs: measured.length,
    };
  });
}

const goalText = (g: Goal): string =>
  [
    g.ratioAtLeast !== undefined ? `ratio >= ${g.ratioAtLeast}` : null,
    g.atMost !== undefined ? `< ${g.atMost}` : null,
    g.atLeast !== undefined ? `>= ${g.atLeast}` : null,
  ]
    .filter(Boolean)
    .join(", ");

const figureNumber = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** The one table: a Markdown table, so docs/performance.md can take it as printed. */
export function formatFigures(rows: FigureRow[]): string {
  const header = ["figure", "Recto", "reference", "ratio", "goal", "database", "met?"];
  const lines = rows.map((r) => [
    r.figure,
    r.value === null ? "not measured" : `${figureNumber(r.value)} ${r.unit}`,
    r.reference === null ? "-" : `${figureNumber(r.reference)}${r.referenceName ? ` (${r.referenceName})` : ""}`,
    r.ratio === null ? "-" : r.ratio.toFixed(3),
    goalText(r.goal),
    r.database ?? "-",
    r.met === null ? "-" : r.met ? "yes" : "no",
  ]);
  const render = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [render(header), render(header.map(() => "---")), ...lines.map(render)].join("\n");
}
