import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { PermanentDeliveryError } from "../outbox/outbox.js";
import { BUILT_IN_LANGUAGES, builtInText } from "./built-in/index.js";
import { LETTER_CODES, LETTERS, isLetterCode, type LetterCode } from "./letter-codes.js";
import { institutionLanguage } from "../organisation/institution-repository.js";
import * as repo from "./letters-repository.js";
import { sendMail, stableMessageId } from "./mailer.js";
import { renderLetter, TemplateProblem, type RenderedLetter } from "./render.js";
import { sampleLetterData } from "./sample-data.js";
import type { TemplateText } from "./template-text.js";
import { chooseTemplate } from "./templates.js";

const authorizeLetters = (actor: Actor): void => authorize(actor, "letters.manage");

function letterCode(code: string): LetterCode {
  if (!isLetterCode(code)) throw notFound("letter");
  return code;
}

interface LetterView {
  code: LetterCode;
  description: string;
  enabled: boolean;
  templates: (TemplateText & { language: string; customized: boolean })[];
}

/**
 * A letter's texts: Recto's built-in languages first (each replaced by the institution's own text
 * when it wrote one), then the other languages the institution wrote, alphabetically.
 */
async function view(db: Db, institutionId: number, code: LetterCode, settings: Map<string, boolean>) {
  const rows = await repo.templatesOf(db, institutionId, code);
  const own = new Map(
    rows.map((r) => [
      r.language,
      { language: r.language, customized: true, subject: r.subject, body_html: r.body_html, body_text: r.body_text },
    ]),
  );
  const templates = BUILT_IN_LANGUAGES.map(
    (language) => own.get(language) ?? { language, customized: false, ...builtInText(language, code) },
  );
  for (const r of rows)
    if (!(BUILT_IN_LANGUAGES as string[]).includes(r.language)) templates.push(own.get(r.language)!);
  return {
    code,
    description: LETTERS[code].description,
    enabled: settings.get(code) ?? LETTERS[code].enabledByDefault,
    templates,
  };
}

export async function listLetters(db: Db, actor: Actor): Promise<LetterView[]> {
  authorizeLetters(actor);
  const settings = await repo.letterSettings(db, actor.institutionId);
  return Promise.all(LETTER_CODES.map((c) => view(db, actor.institutionId, c, settings)));
}

export async function getLetter(db: Db, actor: Actor, code: string): Promise<LetterView> {
  authorizeLetters(actor);
  const c = letterCode(code);
  return view(db, actor.institutionId, c, await repo.letterSettings(db, actor.institutionId));
}

export async function setLetterEnabled(db: Db, actor: Actor, code: string, enabled: boolean, now: Date) {
  authorizeLetters(actor);
  const c = letterCode(code);
  await repo.upsertLetterSetting(db, { institution_id: actor.institutionId, code: c, enabled, at: now.toISOString() });
  return getLetter(db, actor, c);
}

/** Renders with the sample data; a template that fails is refused with the part that failed. */
async function checkTemplate(
  db: Db,
  actor: Actor,
  config: Config,
  text: TemplateText,
  language: string,
): Promise<RenderedLetter> {
  const inst = await institutionLanguage(db, actor.institutionId);
  try {
    return await renderLetter(text, sampleLetterData(inst, config.publicUrl, language), config.letterRender);
  } catch (err) {
    if (err instanceof TemplateProblem) {
      throw new AppError("VALIDATION_FAILED", {
        message: `${err.field}: the template cannot be used: ${err.message}`,
        fields: [{ field: err.field, message: err.message }],
      });
    }
    throw err;
  }
}

export async function saveTemplate(
  db: Db,
  actor: Actor,
  config: Config,
  code: string,
  language: string,
  text: TemplateText,
  now: Date,
) {
  authorizeLetters(actor);
  const c = letterCode(code);
  await checkTemplate(db, actor, config, text, language);
  await repo.upsertTemplate(db, {
    institution_id: actor.institutionId,
    code: c,
    language,
    ...text,
    updated_at: now.toISOString(),
  });
  return getLetter(db, actor, c);
}

/** Removes the institution's text for a language; a language Recto ships falls back to its built-in text. */
export async function resetTemplate(db: Db, actor: Actor, code: string, language: string) {
  authorizeLetters(actor);
  const c = letterCode(code);
  if (!(await repo.deleteTemplate(db, actor.institutionId, c, language))) throw notFound("template for this language");
  return getLetter(db, actor, c);
}

export async function previewLetter(
  db: Db,
  actor: Actor,
  config: Config,
  code: string,
  input: { language?: string | undefined; template?: TemplateText | undefined },
): Promise<RenderedLetter & { language: string }> {
  authorizeLetters(actor);
  const c = letterCode(code);
  const inst = await institutionLanguage(db, actor.institutionId);
  const chosen = input.template
    ? { ...input.template, language: input.language ?? inst.default_language }
    : await chooseTemplate(db, actor.institutionId, c, [input.language, inst.default_language]);
  return { ...(await checkTemplate(db, actor, config, chosen, chosen.language)), language: chosen.language };
}

/** Sends the letter with sample data to the given address at once (not through the outbox). */
export async function sendTestLetter(
  db: Db,
  actor: Actor,
  config: Config,
  code: string,
  input: { to: string; language?: string | undefined },
) {
  const rendered = await previewLetter(db, actor, config, code, { language: input.language });
  const key = `test-${randomUUID()}`;
  try {
    const sent = await sendMail(
      config,
      actor.institutionId,
      { to: input.to, messageId: stableMessageId(config, key), ...rendered, subject: `[TEST] ${rendered.subject}` },
      key,
    );
    return { to: input.to, language: rendered.language, transport: sent.transport, eml_name: sent.emlName };
  } catch (err) {
    throw new AppError("MAIL_NOT_SENT", {
      message: `The test letter could not be sent: ${err instanceof PermanentDeliveryError || err instanceof Error ? err.message : String(err)}`,
    });
  }
}
