import type { TemplateText } from "./template-text.js";

/** A template part that does not parse or render, or that exceeds the render limits. */
export class TemplateProblem extends Error {
  constructor(
    readonly field: keyof TemplateText,
    message: string,
  ) {
    super(message);
    this.name = "TemplateProblem";
  }
}

export const tooSlow = (timeoutMs: number) =>
  `the template takes too long to render (limit ${timeoutMs} ms): it is too slow or too complex`;
export const tooMuchMemory = "the template needs too much memory to render: it is too complex";
