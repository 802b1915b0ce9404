import { sql, type Selectable } from "kysely";
import { valuesCell } from "../db/dialect.js";
import type { Executor } from "../db/database.js";
import type { LetterSendsTable, LetterTemplatesTable } from "../db/schema.js";

export type TemplateRow = Selectable<LetterTemplatesTable>;
type LetterSendRow = Selectable<LetterSendsTable>;

export async function letterSettings(db: Executor, institutionId: number): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom("letter_settings")
    .select(["code", "enabled"])
    .where("institution_id", "=", institutionId)
    .execute();
  return new Map(rows.map((r) => [r.code, r.enabled === 1]));
}

export async function upsertLetterSetting(
  db: Executor,
  v: { institution_id: number; code: string; enabled: boolean; at: string },
): Promise<void> {
  await db
    .insertInto("letter_settings")
    .values({ institution_id: v.institution_id, code: v.code, enabled: v.enabled ? 1 : 0, updated_at: v.at })
    .onConflict((oc) =>
      oc.columns(["institution_id", "code"]).doUpdateSet({ enabled: v.enabled ? 1 : 0, updated_at: v.at }),
    )
    .execute();
}

export async function templatesOf(db: Executor, institutionId: number, code?: string): Promise<TemplateRow[]> {
  return db
    .selectFrom("letter_templates")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .$if(code !== undefined, (q) => q.where("code", "=", code!))
    .orderBy("code")
    .orderBy("language")
    .execute();
}

export async function upsertTemplate(db: Executor, row: TemplateRow): Promise<void> {
  const { subject, body_html, body_text, updated_at } = row;
  await db
    .insertInto("letter_templates")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["institution_id", "code", "language"]).doUpdateSet({ subject, body_html, body_text, updated_at }),
    )
    .execute();
}

export async function deleteTemplate(db: Executor, institutionId: number, code: string, language: string) {
  const r = await db
    .deleteFrom("letter_templates")
    .where("institution_id", "=", institutionId)
    .where("code", "=", code)
    .where("language", "=", language)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// --- the record of sending (one row per outbox letter) ---

/** The records of sending of these outbox letters, by outbox id. */
export async function findSends(db: Executor, outboxIds: number[]): Promise<Map<number, LetterSendRow>> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db.selectFrom("letter_sends").selectAll().where("outbox_id", "in", outboxIds).execute();
  return new Map(rows.map((r) => [r.outbox_id, r]));
}

type TryRecord = Pick<
  LetterSendRow,
  "institution_id" | "outbox_id" | "request_id" | "letter_code" | "message_id" | "recipient"
> & { status: "sending" | "suppressed"; at: string };

/**
 * Records that a try is about to hand the message to the transport. Committed before sending,
 * so a try that finds "sending" left by an earlier one knows that one may have gone out.
 * `existing` is the message's record as the caller read it (findSends), undefined for a first try.
 */
export async function recordTry(
  db: Executor,
  v: TryRecord,
  existing: { id: number } | undefined,
): Promise<LetterSendRow> {
  return (await recordTries(db, [{ v, existing }]))[0]!;
}

/** recordTry for several letters, their first tries in one statement; the rows in the order given. */
export async function recordTries(
  db: Executor,
  tries: { v: TryRecord; existing: { id: number } | undefined }[],
): Promise<LetterSendRow[]> {
  const firsts = tries
    .filter((t) => !t.existing)
    .map(({ v: { at, ...values } }) => ({
      ...values,
      tries: 1,
      transport: null,
      eml_name: null,
      first_try_at: at,
      sent_at: null,
    }));
  const inserted =
    firsts.length === 0 ? [] : await db.insertInto("letter_sends").values(firsts).returningAll().execute();
  const byOutbox = new Map(inserted.map((r) => [r.outbox_id, r]));
  const rows: LetterSendRow[] = [];
  for (const { v, existing } of tries) {
    rows.push(
      existing
        ? await db
            .updateTable("letter_sends")
            .set((eb) => ({ tries: eb("tries", "+", 1), recipient: v.recipient, status: v.status }))
            .where("id", "=", existing.id)
            .where("status", "!=", "sent")
            .returningAll()
            .executeTakeFirstOrThrow()
        : byOutbox.get(v.outbox_id)!,
    );
  }
  return rows;
}

/** Letters that went out, each with its text as staff may read it (tokens withheld by the caller), in one statement. */
export async function markSent(
  db: Executor,
  sent: {
    id: number;
    transport: "smtp" | "eml";
    eml_name: string | null;
    at: string;
    letter: { subject: string; body_text: string; body_html: string };
  }[],
): Promise<void> {
  if (sent.length === 0) return;
  const as = (value: unknown, type: string) => valuesCell(db, value, type);
  const rows = sent.map(
    (s) =>
      sql`(${as(s.id, "bigint")}, ${as(s.transport, "text")}, ${as(s.eml_name, "text")}, ${as(s.at, "timestamptz")}, ${as(s.letter.subject, "text")}, ${as(s.letter.body_text, "text")}, ${as(s.letter.body_html, "text")})`,
  );
  await sql`
    with v (id, transport, eml_name, sent_at, subject, body_text, body_html) as (values ${sql.join(rows)})
    update letter_sends set
      status = 'sent', transport = v.transport, eml_name = v.eml_name, sent_at = v.sent_at,
      subject = v.subject, body_text = v.body_text, body_html = v.body_html
    from v
    where letter_sends.id = v.id`.execute(db);
}

export async function listEmlSends(db: Executor, institutionId: number, limit: number) {
  return db
    .selectFrom("letter_sends")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("transport", "=", "eml")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function findEmlSend(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("letter_sends")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .where("transport", "=", "eml")
    .executeTakeFirst();
}

/** The letters written about one request, oldest first, with the text each one said. */
export async function lettersOfRequest(db: Executor, institutionId: number, requestId: number) {
  return db
    .selectFrom("letter_sends")
    .select([
      "id",
      "letter_code",
      "recipient",
      "status",
      "tries",
      "transport",
      "first_try_at",
      "sent_at",
      "subject",
      "body_text",
      "body_html",
    ])
    .where("institution_id", "=", institutionId)
    .where("request_id", "=", requestId)
    .orderBy("id")
    .execute();
}

// Joins requests, users, bibs and items here: the answer is a letter's facts (see docs/architecture.md).
/** What letters about these requests say about each, its patron and its item, by request id (a request that no longer exists is missing). */
export async function letterFactsOf(db: Executor, institutionId: number, requestIds: number[]) {
  if (requestIds.length === 0) return new Map<number, never>();
  const rows = await db
    .selectFrom("requests as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .innerJoin("bibs as b", "b.id", "r.bib_id")
    .leftJoin("items as i", "i.id", "r.item_id")
    .select([
      "r.id",
      "r.state",
      "r.form",
      "r.request_date",
      "u.first_name",
      "u.last_name",
      "u.email",
      "u.preferred_language",
      "b.title",
      "b.author",
      "i.barcode",
    ])
    .where("r.institution_id", "=", institutionId)
    .where("r.id", "in", [...new Set(requestIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The try failed before the transport accepted the message: the next try is not a repeat. */
export async function markUnsent(db: Executor, id: number): Promise<void> {
  await db
    .updateTable("letter_sends")
    .set({ status: "unsent" })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .execute();
}
