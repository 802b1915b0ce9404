import diagnostics from "node:diagnostics_channel";
import type { LetterRenderLimits } from "../config.js";
import { RenderPool, type RenderPart } from "./render-pool.js";
import type { TemplateText } from "./template-text.js";

export { TemplateProblem } from "./template-problem.js";

/*
 * Letter templates are written by Letter Administrators, so they are treated as untrusted:
 * - LiquidJS has no way to call functions; templates only read the data handed to them.
 * - That data is plain JSON (letterData below), and `ownPropertyOnly` stops reads of
 *   inherited members (constructor, __proto__, toString...), so nothing reaches prototypes.
 * - There is no file system: `templates` is an empty in-memory map and include/render/layout
 *   are refused when the template is parsed (render-worker.mjs).
 * - They render in worker threads (render-pool.ts), never on the main thread, each render with
 *   a deadline and each thread with a heap limit: a loop or a memory-hungry template fails alone
 *   and delays nothing else.
 * - HTML output escapes every value; the plain text and subject are never parsed as HTML.
 */

export interface RenderedLetter {
  subject: string;
  html: string;
  text: string;
}

export type LetterData = Record<string, unknown>;

/** Copies data into plain JSON: no functions, getters, class instances or shared prototypes reach a template. */
const plainData = (data: LetterData): LetterData => JSON.parse(JSON.stringify(data)) as LetterData;

/** Published (with the letter's parts) as each render is handed to the pool; for observers and tests. */
const renderChannel = diagnostics.channel("recto:letters:render");

// One pool per set of limits (a process normally has one); started by the first render.
const pools = new Map<string, RenderPool>();

function poolFor(limits: LetterRenderLimits): RenderPool {
  const key = `${limits.workers}/${limits.timeoutMs}/${limits.memoryMb}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new RenderPool(limits);
    pools.set(key, pool);
  }
  return pool;
}

/** Stops the rendering threads (the app's onClose, the CLI worker's stop); a later render starts them again. */
export async function closeRenderPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

const parts = (template: TemplateText): RenderPart[] => [
  { field: "subject", source: template.subject, escape: false },
  { field: "body_html", source: template.body_html, escape: true },
  { field: "body_text", source: template.body_text, escape: false },
];

/** Renders a template's three parts; a part that does not parse or render is a TemplateProblem naming it. */
export async function renderLetter(
  template: TemplateText,
  data: LetterData,
  limits: LetterRenderLimits,
): Promise<RenderedLetter> {
  const scope = plainData(data);
  if (renderChannel.hasSubscribers) renderChannel.publish({ fields: ["subject", "body_html", "body_text"] });
  const out = await poolFor(limits).render(parts(template), scope);
  return {
    // A subject is one line: a template must not be able to add mail headers.
    subject: out.subject.replace(/[\r\n]+/g, " ").trim(),
    html: out.body_html,
    text: out.body_text,
  };
}
