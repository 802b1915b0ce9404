import type { FastifyRequest } from "fastify";
import { institutionLanguage } from "../organisation/institution-repository.js";
import { fromAcceptLanguage, toLanguage, type Language } from "../shared/messages/index.js";
import type { AppContext } from "./context.js";

/*
 * The language of an answer's messages (errors, field sentences), chosen for whoever reads them:
 *
 * 1. an Accept-Language header that names a language Recto is written in (en, fr, de, es; a
 *    regional tag counts for its language: fr-CA is French). The web pages send the language
 *    they are shown in on every call, so a refusal reads like the page around it;
 * 2. else, for a caller signed in through the web pages (a session cookie), the user's preferred
 *    language, else the institution's default language, else English;
 * 3. else none: an API client (API key, or anonymous) that names no language reads the English
 *    messages exactly as they have always been, whatever its user or institution prefers, since a
 *    program may match on them. The /almaws routes never ask: they answer as the reference platform.
 */
export async function messageLanguage(ctx: AppContext, req: FastifyRequest): Promise<Language | null> {
  const named = fromAcceptLanguage(req.headers["accept-language"]);
  if (named) return named;
  const actor = req.actor;
  if (actor?.via !== "session") return null;
  const preferred = toLanguage(actor.preferredLanguage);
  if (preferred) return preferred;
  try {
    return toLanguage((await institutionLanguage(ctx.db, actor.institutionId)).default_language) ?? "en";
  } catch (err) {
    // The error being answered may be the database's own: the message is then said in English.
    req.log.warn({ err }, "the institution's language could not be read for an error message");
    return "en";
  }
}
