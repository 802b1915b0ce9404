import { Liquid } from "liquidjs";
import type { TemplateText } from "./template-text.js";

/*
 * Letter templates are written by Letter Administrators, so they are treated as untrusted:
 * - LiquidJS has no way to call functions; templates only read the data handed to them.
 * - That data is plain JSON (letterData below), and `ownPropertyOnly` stops reads of
 *   inherited members (constructor, __proto__, toString...), so nothing reaches prototypes.
 * - There is no file system: `templates` is an empty in-memory map and include/render/layout
 *   are refused when the template is parsed.
 * - Parse size, render time and memory are limited, so a loop cannot hang the worker.
 * - HTML output escapes every value; the plain text and subject are never parsed as HTML.
 */

const REFUSED_TAGS = ["include", "render", "layout"] as const;

type TagImpl = Parameters<Liquid["registerTag"]>[1];

function refusing(name: string): TagImpl {
  return {
    parse() {
      throw new Error(`the {% ${name} %} tag is not available in letters`);
    },
    render() {
      return "";
    },
  };
}

function engine(escape: boolean): Liquid {
  const liquid = new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    jsTruthy: false,
    parseLimit: 200_000,
    renderLimit: 2_000,
    memoryLimit: 10_000_000,
    ...(escape ? { outputEscape: "escape" as const } : {}),
  });
  for (const name of REFUSED_TAGS) liquid.registerTag(name, refusing(name));
  return liquid;
}

const htmlEngine = engine(true);
const textEngine = engine(false);

export interface RenderedLetter {
  subject: string;
  html: string;
  text: string;
}

export type LetterData = Record<string, unknown>;

/** Copies data into plain JSON: no functions, getters, class instances or shared prototypes reach a template. */
export const plainData = (data: LetterData): LetterData => JSON.parse(JSON.stringify(data)) as LetterData;

export class TemplateProblem extends Error {
  constructor(
    readonly field: keyof TemplateText,
    message: string,
  ) {
    super(message);
    this.name = "TemplateProblem";
  }
}

const PARTS: [keyof TemplateText, Liquid][] = [
  ["subject", textEngine],
  ["body_html", htmlEngine],
  ["body_text", textEngine],
];

/** Renders a template's three parts; a part that does not parse or render is a TemplateProblem naming it. */
export async function renderLetter(template: TemplateText, data: LetterData): Promise<RenderedLetter> {
  const scope = plainData(data);
  const out: Partial<Record<keyof TemplateText, string>> = {};
  for (const [field, liquid] of PARTS) {
    try {
      out[field] = String(await liquid.parseAndRender(template[field], scope));
    } catch (err) {
      const why = err instanceof Error ? err.message.split("\n")[0]! : String(err);
      throw new TemplateProblem(field, why);
    }
  }
  return {
    // A subject is one line: a template must not be able to add mail headers.
    subject: out.subject!.replace(/[\r\n]+/g, " ").trim(),
    html: out.body_html!,
    text: out.body_text!,
  };
}
