import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { fromAcceptLanguage, messagesIn, type Language } from "../shared/messages/index.js";
import { SignOnRefusal, type SignOnReason } from "./refusal.js";

/*
 * What a person sees when a sign-in through an identity provider fails: a small page, in the
 * language their browser asks for, saying in plain words what happened and leading back to the
 * sign-in page. The administrator gets one log line with the technical reason (provider,
 * institution, reason, what the library or the provider said), never a token or an assertion.
 */

export type SignOnApp = "patron" | "staff";

export interface SignOnFailure {
  institutionCode: string;
  providerCode: string;
  app: SignOnApp;
  /** whatever went wrong: a SignOnRefusal, or anything else (said as the provider's error) */
  error: unknown;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// Contrast (WCAG 2.1 AA): #1a1a1a text and #1d4ed8 links on white; one column that reflows to 320 px.
const STYLE =
  "body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;line-height:1.5;color:#1a1a1a;background:#fff}" +
  "main{max-width:36rem;margin:0 auto}h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}a{color:#1d4ed8}" +
  ".button{display:inline-block;padding:.75rem 1.5rem;background:#1d4ed8;color:#fff;text-decoration:none;" +
  "border-radius:.375rem;font-weight:600}a:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}";
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/** The sign-in page of the app the person came from, in their institution. */
export function signInPath(institutionCode: string, app: SignOnApp): string {
  const base = `/i/${encodeURIComponent(institutionCode)}`;
  return app === "staff" ? `${base}/staff/sign-in` : `${base}/sign-in`;
}

/** A small page in the person's language: a heading, some paragraphs, and a link onward. */
export function messagePage(
  language: Language,
  page: { title: string; paragraphs: string[]; link: { href: string; text: string } },
): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
<p><a class="button" href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.text)}</a></p>
</main></body></html>`;
}

export function signOnErrorPage(language: Language, reason: SignOnReason, backHref: string): string {
  const t = messagesIn(language).signOn;
  return messagePage(language, {
    title: t.title,
    paragraphs: [t.reasons[reason], t.contact],
    link: { href: backHref, text: t.back },
  });
}

/** Sends a page of messagePage's, never cached or framed, with nothing but its own style allowed. */
export function answerPage(reply: FastifyReply, status: number, language: Language, html: string): FastifyReply {
  return reply
    .status(status)
    .headers({
      "content-type": "text/html; charset=utf-8",
      "content-language": language,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex, nofollow",
      "content-security-policy": `default-src 'none'; style-src ${STYLE_HASH}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    })
    .send(html);
}

function reasonOf(error: unknown): { reason: SignOnReason; technical: string } {
  if (error instanceof SignOnRefusal) return { reason: error.reason, technical: error.technical ?? error.reason };
  // A database that is busy or any other failure of ours is not the provider's fault: rethrown.
  if (error instanceof AppError) throw error;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; error?: unknown };
  const said = [e.name, e.code, e.error, e.message].filter((v) => typeof v === "string").join(": ");
  return { reason: "invalid_response", technical: said.slice(0, 500) || "unknown error" };
}

/** Answers a failed sign-in: the log line for the administrator, the page for the person (403). */
export function answerSignOnFailure(req: FastifyRequest, reply: FastifyReply, failure: SignOnFailure): FastifyReply {
  const { reason, technical } = reasonOf(failure.error);
  req.log.warn(
    { signOn: { institution: failure.institutionCode, provider: failure.providerCode, reason, detail: technical } },
    "sign-in through an identity provider was refused",
  );
  const language = fromAcceptLanguage(req.headers["accept-language"]) ?? "en";
  return answerPage(
    reply,
    403,
    language,
    signOnErrorPage(language, reason, signInPath(failure.institutionCode, failure.app)),
  );
}
