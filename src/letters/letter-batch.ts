import type { Insertable } from "kysely";
import type { DomainContext } from "../context.js";
import type { Executor } from "../db/database.js";
import { groupCommit } from "../db/group-commit.js";
import type { RequestEventsTable } from "../db/schema.js";
import { insertEvents } from "../requests/parts-repository.js";
import { institutionLanguage } from "../organisation/institution-repository.js";
import type { OutboxBatch, OutboxMessage } from "../outbox/outbox.js";
import { reasonLabels } from "../rules/service-terms/approval-reasons-repository.js";
import * as repo from "./letters-repository.js";

/*
 * What a letter reads besides its own sending: the same for every letter of an institution in
 * one outbox batch, so each is read once per batch (one statement for all its letters) instead
 * of once or more per letter. A batch lasts seconds, so staff's changes show in the next.
 */

const lettersOf = (batch: OutboxBatch, institutionId: number) =>
  batch.messages.filter((x) => x.kind === "letter" && x.institutionId === institutionId);

/** The reads one letter of the batch needs, each shared with the batch's other letters. */
export function letterReads(ctx: DomainContext, batch: OutboxBatch, m: OutboxMessage) {
  const { db } = ctx;
  const inst = m.institutionId;
  return {
    /** the record of an earlier try of this letter */
    previousSend: async () =>
      (
        await batch.once(`letter-sends:${inst}`, () =>
          repo.findSends(
            db,
            lettersOf(batch, inst).map((x) => x.id),
          ),
        )
      ).get(m.id),
    /** the request, patron and item; undefined when the request no longer exists */
    facts: async () =>
      (
        await batch.once(`letter-facts:${inst}`, () =>
          repo.letterFactsOf(
            db,
            inst,
            lettersOf(batch, inst).flatMap((x) => (x.requestId === null ? [] : [x.requestId])),
          ),
        )
      ).get(m.requestId!),
    institution: () => batch.once(`institution:${inst}`, () => institutionLanguage(db, inst)),
    settings: () => batch.once(`letter-settings:${inst}`, () => repo.letterSettings(db, inst)),
    /** all the institution's own texts, of every letter */
    templates: () => batch.once(`letter-templates:${inst}`, () => repo.templatesOf(db, inst)),
    /** the institution's labels of the reasons its letters in this batch give */
    reasonLabels: () =>
      batch.once(`reason-labels:${inst}`, () =>
        reasonLabels(db, inst, [
          ...new Set(
            lettersOf(batch, inst).flatMap((x) => (typeof x.payload.reason === "string" ? [x.payload.reason] : [])),
          ),
        ]),
      ),
  };
}

export type LetterReads = ReturnType<typeof letterReads>;

type TryRecord = Parameters<typeof repo.recordTries>[1][number];
type SentLetter = Parameters<typeof repo.markSent>[1][number] & { events: Insertable<RequestEventsTable>[] };

const writesOf = new WeakMap<Executor, ReturnType<typeof groupedWrites>>();

function groupedWrites(db: Executor) {
  return {
    // all or none (groupCommit redoes a failed group one by one): first tries are one insert,
    // retries add an update each, so those go in one transaction
    recordTry: groupCommit((tries: TryRecord[]) =>
      tries.some((t) => t.existing)
        ? db.transaction().execute((tx) => repo.recordTries(tx, tries))
        : repo.recordTries(db, tries),
    ),
    markSent: groupCommit(async (letters: SentLetter[]) => {
      await db.transaction().execute(async (tx) => {
        await repo.markSent(tx, letters);
        await insertEvents(
          tx,
          letters.flatMap((l) => l.events),
        );
      });
      return letters.map(() => undefined);
    }),
  };
}

/**
 * The two writes of sending a letter: its try recorded before the transport is called, and it
 * marked sent with its history right after. Each is committed before the letter goes on (the
 * try before the send, the mark before the outbox row is settled), but letters reaching the
 * same step together share one statement (groupCommit), so that under load a few writes carry
 * many letters. A crash between a send and its mark is what it was: the try says "sending".
 */
export function letterWrites(db: Executor) {
  let writes = writesOf.get(db);
  if (!writes) {
    writes = groupedWrites(db);
    writesOf.set(db, writes);
  }
  return writes;
}
