import type { Executor } from "../db/database.js";

export interface OutboxMessage {
  institutionId: number;
  kind: "letter" | "print";
  /** the letter code, e.g. request_cancelled, or the print job's document, e.g. resource_request_slip */
  topic: string;
  requestId: number | null;
  payload: Record<string, unknown>;
}

/**
 * Records a letter or print job to send. Call it inside the use case's transaction: the message
 * then exists exactly when the state change that caused it was committed.
 */
export async function enqueue(tx: Executor, m: OutboxMessage, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx
    .insertInto("outbox")
    .values({
      institution_id: m.institutionId,
      kind: m.kind,
      topic: m.topic,
      request_id: m.requestId,
      payload: JSON.stringify(m.payload),
      status: "pending",
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      created_at: at,
      processed_at: null,
    })
    .execute();
}
