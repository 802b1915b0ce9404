import type { Id, Bool, Timestamp, Json } from "./columns.js";

export type OutboxStatus = "pending" | "processing" | "done" | "failed";

export interface OutboxTable {
  id: Id;
  institution_id: number;
  kind: "letter" | "print";
  topic: string;
  request_id: number | null;
  payload: Json;
  /** "processing": claimed by a worker; next_attempt_at then holds the end of its lease */
  status: OutboxStatus;
  /** tries started so far, counted when a worker claims the row */
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface LetterSettingsTable {
  institution_id: number;
  code: string;
  enabled: Bool;
  updated_at: Timestamp;
}

export interface LetterTemplatesTable {
  institution_id: number;
  code: string;
  language: string;
  subject: string;
  body_html: string;
  body_text: string;
  updated_at: Timestamp;
}

export interface LetterSendsTable {
  id: Id;
  institution_id: number;
  /** one row per outbox letter: its tries share this row and its Message-ID */
  outbox_id: number;
  request_id: number | null;
  letter_code: string;
  message_id: string;
  recipient: string | null;
  /** sending: handed to the transport, outcome unknown (a crash); unsent: the last try failed; sent: accepted; suppressed: letter disabled */
  status: "sending" | "unsent" | "sent" | "suppressed";
  tries: number;
  transport: "smtp" | "eml" | null;
  eml_name: string | null;
  first_try_at: Timestamp;
  sent_at: Timestamp | null;
  /** the letter as sent, its download tokens withheld (migration 024; null before it, and while unsent) */
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
}

export interface DeliveryLinksTable {
  id: Id;
  institution_id: number;
  request_id: number;
  file_id: number;
  /** the letter that carries this link; its token is derived from the link id, so a resend can rebuild it */
  outbox_id: number | null;
  /** sha256 of the token; the token itself is never stored */
  token_hash: string;
  max_views: number;
  views: number;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** when the current view was counted: byte ranges may resume it for a short window (delivery/download.ts) */
  view_started_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PrintoutsTable {
  id: Id;
  institution_id: number;
  /** the print job it came from: one printout per job, however often the worker tries */
  outbox_id: number;
  request_id: number;
  /** the default printer of the handling place; null when the place has none (queue only) */
  printer_id: number | null;
  document: "resource_request_slip";
  status: "queued" | "printed" | "dismissed";
  print_count: number;
  /** the printer's address when it was sent by print-by-email */
  emailed_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
