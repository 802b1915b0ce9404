import fs from "node:fs";
import { addDays } from "../clock.js";
import type { Executor } from "../db/database.js";
import { deriveLinkToken, linkSecret, linkTokenHash, withholdLinkTokens } from "../delivery/link-tokens.js";
import { ensureLink } from "../delivery/links-repository.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { outboxBatch, PermanentDeliveryError, type OutboxBatch, type OutboxMessage } from "../outbox/outbox.js";
import { activeFilesOf, insertEvent } from "../requests/parts-repository.js";
import type { DomainContext } from "../context.js";
import { isLetterCode, type LetterCode } from "./letter-codes.js";
import { letterReads, letterWrites, type LetterReads } from "./letter-batch.js";
import * as repo from "./letters-repository.js";
import { emlFileName, emlPath, sendMail, stableMessageId, type OutgoingMail } from "./mailer.js";
import { reasonTextFrom } from "./reasons.js";
import { renderLetter, TemplateProblem, type LetterData } from "./render.js";
import { chooseTemplateFrom, letterEnabledIn } from "./templates.js";

/** Link defaults for a workflow that has none (an attachment too large for email). */
const FALLBACK_MAX_VIEWS = 5;
const FALLBACK_EXPIRY_DAYS = 14;

const OUTCOME_TEXT: Record<string, string> = { CANCELLED: "cancelled", REJECTED: "rejected", EXPIRED: "expired" };

interface DeliveryPayload {
  file_ids?: number[];
  max_views?: number | null;
  link_expiry_days?: number | null;
  outcome?: string;
  reason?: string;
  note?: string | null;
}

type Facts = NonNullable<Awaited<ReturnType<LetterReads["facts"]>>>;
type Institution = Awaited<ReturnType<LetterReads["institution"]>>;

export function describePages(form: string): { chapter: string | null; pages: string | null } {
  const f = JSON.parse(form) as {
    chapter_or_article_title?: string;
    required_pages_range?: { from_page: string; to_page: string }[];
  };
  return {
    chapter: f.chapter_or_article_title ?? null,
    pages: f.required_pages_range?.map((r) => `${r.from_page}-${r.to_page}`).join(", ") || null,
  };
}

const eventRow = (m: OutboxMessage, at: string, action: string, data: Record<string, unknown>) => ({
  institution_id: m.institutionId,
  request_id: m.requestId!,
  at,
  actor_user_id: null,
  action,
  from_state: null,
  to_state: null,
  reason: null,
  note: null,
  data: JSON.stringify(data),
});

async function event(tx: Executor, m: OutboxMessage, at: string, action: string, data: Record<string, unknown>) {
  await insertEvent(tx, eventRow(m, at, action, data));
}

/** The files a delivery letter carries: the ones named at delivery that still exist and are active. */
async function deliveredFiles(db: Executor, m: OutboxMessage, payload: DeliveryPayload) {
  const files = await activeFilesOf(db, m.requestId!);
  const wanted = payload.file_ids;
  return wanted && wanted.length > 0 ? files.filter((f) => wanted.includes(f.id)) : files;
}

/** `request.reason` says the reason's label in the letter's language; `request.reason_code` keeps the code. */
async function withReason(reads: LetterReads, data: LetterData, language: string) {
  const request = data.request as { reason_code: string | null };
  const reason = reasonTextFrom(await reads.reasonLabels(), request.reason_code, language);
  return { ...data, request: { ...request, reason } };
}

interface Plan {
  letter: LetterCode;
  data: LetterData;
  attachments: OutgoingMail["attachments"];
  /** an attachment too large for email that goes as a link */
  linkInstead: { total_bytes: number; limit_bytes: number } | null;
}

async function plan(
  ctx: DomainContext,
  m: OutboxMessage,
  code: LetterCode,
  facts: Facts,
  inst: Institution,
): Promise<Plan> {
  const payload = m.payload as DeliveryPayload;
  const { chapter, pages } = describePages(facts.form);
  const data: LetterData = {
    institution: { name: inst.name, code: inst.code },
    patron: { first_name: facts.first_name, last_name: facts.last_name, email: facts.email },
    request: {
      id: String(facts.id),
      title: facts.title,
      author: facts.author,
      chapter,
      pages,
      request_date: facts.request_date.slice(0, 10),
      outcome: payload.outcome ?? null,
      outcome_text: OUTCOME_TEXT[payload.outcome ?? ""] ?? "closed",
      // the label in the letter's language is filled in once the template is chosen (withReason)
      reason: payload.reason ?? null,
      reason_code: payload.reason ?? null,
      note: payload.note ?? null,
    },
    item: { barcode: facts.barcode },
    today: ctx.clock.now().toISOString().slice(0, 10),
  };
  if (code !== "digitization_notification_item" && code !== "document_delivery_notification") {
    return { letter: code, data, attachments: [], linkInstead: null };
  }

  const files = await deliveredFiles(ctx.db, m, payload);
  if (files.length === 0) throw new PermanentDeliveryError("The request has no deliverable file any more.");
  const total = files.reduce((n, f) => n + f.size_bytes, 0);
  const overLimit = code === "digitization_notification_item" && total > ctx.config.maxEmailBytes;
  const letter: LetterCode = overLimit ? "document_delivery_notification" : code;
  const fileFacts = files.map((f) => ({ file_name: f.file_name, size_bytes: f.size_bytes, pages: f.page_count }));

  if (letter === "digitization_notification_item") {
    const storage = fileStorageFromConfig(ctx.config);
    return {
      letter,
      data: { ...data, delivery: { target: "attachment", files: fileFacts, links: [] } },
      attachments: files.map((f) => ({
        filename: f.file_name,
        contentType: f.content_type,
        content: () => storage.open(f.storage_key),
      })),
      linkInstead: null,
    };
  }

  // Links: the token is derived from this message, so every try of it carries the same link;
  // the expiry counts from when the letter was written, not from a later retry.
  const maxViews = payload.max_views ?? FALLBACK_MAX_VIEWS;
  const expiresAt = addDays(new Date(m.createdAt), payload.link_expiry_days ?? FALLBACK_EXPIRY_DAYS);
  const secret = linkSecret(ctx.config);
  const links = [];
  for (const f of files) {
    const token = deriveLinkToken(secret, { institutionId: m.institutionId, outboxId: m.id, fileId: f.id });
    await ensureLink(ctx.db, {
      institution_id: m.institutionId,
      request_id: m.requestId!,
      file_id: f.id,
      outbox_id: m.id,
      token_hash: linkTokenHash(token),
      max_views: maxViews,
      expires_at: expiresAt.toISOString(),
      created_at: m.createdAt,
    });
    links.push({ file_name: f.file_name, url: `${ctx.config.publicUrl}/api/v1/downloads/${token}` });
  }
  return {
    letter,
    data: {
      ...data,
      delivery: {
        target: "link",
        files: fileFacts,
        links,
        max_views: maxViews,
        expiry_date: expiresAt.toISOString().slice(0, 10),
        expires_at: expiresAt.toISOString(),
      },
    },
    attachments: [],
    linkInstead: overLimit ? { total_bytes: total, limit_bytes: ctx.config.maxEmailBytes } : null,
  };
}

/**
 * The outbox handler for letters. Sending happens exactly once per outbox message as far as
 * this side can know:
 * - every try of a message shares one letter_sends row and one Message-ID;
 * - the row says "sending" (committed) before the transport is called and "sent" right after,
 *   so a try that finds "sent" (the worker died before the outbox row was settled) sends nothing;
 * - a try that finds "sending" follows a crash in mid-send: an .eml already written is kept as
 *   sent; over SMTP it is sent again with the same Message-ID (so mail systems can drop the
 *   repeat) and the history records that it may be a repeat.
 * What letters share (institution, templates, settings, the rows of the batch) is read once per
 * outbox batch (letter-batch.ts); a letter alone is a batch of one.
 */
export async function sendOutboxLetter(
  m: OutboxMessage,
  ctx: DomainContext,
  batch: OutboxBatch = outboxBatch([m]),
): Promise<void> {
  const { db } = ctx;
  if (!isLetterCode(m.topic)) throw new PermanentDeliveryError(`There is no letter called ${m.topic}.`);
  if (m.requestId === null) throw new PermanentDeliveryError("The letter is not about a request.");
  const code = m.topic;
  const reads = letterReads(ctx, batch, m);
  const previous = await reads.previousSend();
  if (previous?.status === "sent" || previous?.status === "suppressed") return;

  const at = ctx.clock.now().toISOString();
  const messageId = stableMessageId(ctx.config, `outbox-${m.id}`);
  const emlKey = `letter-${m.id}`;
  const facts = await reads.facts();
  if (!facts) throw new PermanentDeliveryError("The request no longer exists.");
  const base = { institution_id: m.institutionId, outbox_id: m.id, request_id: m.requestId, message_id: messageId };

  if (!letterEnabledIn(await reads.settings(), code)) {
    await db.transaction().execute(async (tx) => {
      await repo.recordTry(tx, { ...base, letter_code: code, recipient: null, status: "suppressed", at }, previous);
      await event(tx, m, at, "letter_suppressed", { letter: code, why: "the letter is disabled" });
    });
    return;
  }
  if (!facts.email) throw new PermanentDeliveryError("The patron has no email address.");

  const inst = await reads.institution();
  const p = await plan(ctx, m, code, facts, inst);
  const template = chooseTemplateFrom(await reads.templates(), p.letter, [
    facts.preferred_language,
    inst.default_language,
  ]);
  const data = await withReason(reads, p.data, template.language);
  let rendered;
  try {
    rendered = await renderLetter(template, data, ctx.config.letterRender);
  } catch (err) {
    if (err instanceof TemplateProblem) {
      throw new PermanentDeliveryError(
        `The ${p.letter} template (${template.language}) does not render: ${err.message}`,
      );
    }
    throw err;
  }

  // A crash between handing the letter over and recording it: an .eml already on disk was sent.
  const emlFile = emlPath(ctx.config, m.institutionId, emlFileName(emlKey));
  const writes = letterWrites(db);
  const row = await writes.recordTry({
    v: { ...base, letter_code: p.letter, recipient: facts.email, status: "sending", at },
    existing: previous,
  });
  const repeat = previous?.status === "sending";
  let sent: { transport: "smtp" | "eml"; emlName: string | null };
  if (repeat && !ctx.config.smtpUrl && fs.existsSync(emlFile)) {
    sent = { transport: "eml", emlName: emlFileName(emlKey) };
  } else {
    try {
      sent = await sendMail(
        ctx.config,
        m.institutionId,
        { to: facts.email, messageId, ...rendered, attachments: p.attachments },
        emlKey,
        ctx.mailer,
      );
    } catch (err) {
      await repo.markUnsent(db, row.id);
      throw err;
    }
  }
  await writes.markSent({
    id: row.id,
    transport: sent.transport,
    eml_name: sent.emlName,
    at,
    // What staff may read of it later: the patron's download tokens are never kept.
    letter: {
      subject: withholdLinkTokens(rendered.subject),
      body_text: withholdLinkTokens(rendered.text),
      body_html: withholdLinkTokens(rendered.html),
    },
    events: [
      ...(p.linkInstead
        ? [
            eventRow(m, at, "delivered_by_link_instead", {
              reason: "the files are larger than the email size limit",
              ...p.linkInstead,
            }),
          ]
        : []),
      eventRow(m, at, "letter_sent", {
        letter: p.letter,
        language: template.language,
        message_id: messageId,
        transport: sent.transport,
        ...(repeat && sent.transport === "smtp" ? { possible_repeat: true } : {}),
      }),
    ],
  });
}
