import type { InstitutionFixture } from "./factories.js";
import type { TestApp } from "./harness.js";
import { enqueue } from "../src/outbox/enqueue.js";
import type { OutboxHandlers, OutboxMessage } from "../src/outbox/outbox.js";
import { processOutbox, type ProcessOutboxOptions } from "../src/outbox/process-outbox.js";

export const T0 = new Date("2026-03-02T10:00:00.000Z");
export const at = (ms: number) => new Date(T0.getTime() + ms);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** A handler that fails with the given errors in turn, then succeeds; it records what it saw. */
export function scripted(...errors: Error[]) {
  const seen: OutboxMessage[] = [];
  const handler = async (m: OutboxMessage) => {
    seen.push(m);
    const err = errors.shift();
    if (err) throw err;
  };
  return { seen, handler };
}

/** What the outbox tests do with one test app: add messages, read rows back, run a worker step. */
export function outboxKit(t: TestApp) {
  const addMessage = (
    inst: InstitutionFixture,
    over: { kind?: "letter" | "print"; topic?: string; payload?: Record<string, unknown> } = {},
  ): Promise<number> =>
    t.ctx.db.transaction().execute((tx) =>
      enqueue(
        tx,
        {
          institutionId: inst.id,
          kind: over.kind ?? "letter",
          topic: over.topic ?? "request_received",
          requestId: null,
          payload: over.payload ?? { to: "patron@example.edu" },
        },
        T0,
      ),
    );

  const row = (id: number) => t.ctx.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  const rowsOf = (inst: InstitutionFixture) =>
    t.ctx.db.selectFrom("outbox").selectAll().where("institution_id", "=", inst.id).orderBy("id").execute();

  /** A worker step with the clock at `now`, as the worker runs it: outcomes are stamped with the clock. */
  const step = (handlers: OutboxHandlers, options: ProcessOutboxOptions & { now: Date }) => {
    t.clock.set(options.now);
    return processOutbox(t.ctx, handlers, options);
  };

  return { addMessage, row, rowsOf, step };
}
