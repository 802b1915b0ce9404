import { en, messagesIn, type Language, type Say } from "./shared/messages/index.js";

/**
 * The error catalogue: every error Recto answers with has a stable code, an HTTP status
 * and a message a person can act on. Codes never change once published; messages may.
 * The messages are in src/shared/messages/ (en, fr, de, es), each language typed to have every code.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400 },
  MALFORMED_BODY: { status: 400 },
  UNAUTHENTICATED: { status: 401 },
  INVALID_CREDENTIALS: { status: 401 },
  TOO_MANY_ATTEMPTS: { status: 429 },
  CSRF_TOKEN_INVALID: { status: 403 },
  FORBIDDEN: { status: 403 },
  NOT_FOUND: { status: 404 },
  ROUTE_NOT_FOUND: { status: 404 },
  DUPLICATE: { status: 409 },
  IN_USE: { status: 409 },
  INVALID_STATE_TRANSITION: { status: 409 },
  ITEM_IN_REQUEST_WORKFLOW: { status: 409 },
  TASKS_NOT_APPROVED: { status: 409 },
  UNKNOWN_BARCODE: { status: 404 },
  NO_OPEN_REQUEST: { status: 409 },
  REQUEST_AT_OTHER_PLACE: { status: 409 },
  NOTHING_TO_SCAN: { status: 409 },
  PATRON_LIMIT_REACHED: { status: 422 },
  DIGITIZATION_NOT_ALLOWED: { status: 422 },
  PATRON_INACTIVE: { status: 422 },
  PATRON_BLOCKED: { status: 422 },
  NO_HANDLING_PLACE: { status: 422 },
  ITEM_REQUIRED: { status: 422 },
  DIGITIZATION_NOT_OFFERED: { status: 422 },
  RULE_LOCKED: { status: 409 },
  FORM_LOCKED_BY_CONSORTIUM: { status: 409 },
  OUTBOX_NOT_FAILED: { status: 409 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  UNSUPPORTED_FILE_TYPE: { status: 415 },
  FILE_TOO_LARGE: { status: 413 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  MAIL_NOT_SENT: { status: 502 },
  LINK_NOT_FOUND: { status: 404 },
  LINK_EXPIRED: { status: 410 },
  LINK_RESUME_CLOSED: { status: 410 },
  RANGE_NOT_SATISFIABLE: { status: 416 },
  PRINTOUT_STATE_CONFLICT: { status: 409 },
  DATABASE_BUSY: { status: 503 },
  INSTITUTION_NOT_CHOSEN: { status: 404 },
  OPENURL_UNREADABLE: { status: 400 },
  SIGN_ON_REFUSED: { status: 403 },
  PASSWORD_SIGN_IN_OFF: { status: 403 },
  NOT_A_SAML_PROVIDER: { status: 409 },
  SP_KEY_ROLLOVER_UNFINISHED: { status: 409 },
  SP_KEY_IN_USE: { status: 409 },
  SP_KEY_ALREADY_ACTIVE: { status: 409 },
  INTERNAL_ERROR: { status: 500 },
} as const satisfies Record<string, { status: number }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. "required_pages_range.0.from_page". */
  field: string;
  /** English, as API clients and the /almaws routes have always read it (often a phrase after the field's name) */
  message: string;
  /** the sentence next to the field, in the reader's language; without it, `message` or a general sentence */
  say?: Say;
}

/** A field's problem said in every language; its English sentence is the message API clients read unless given. */
export const problem = (field: string, say: Say, message: string = say(en)): FieldProblem => ({ field, message, say });

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldProblem[] | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** sent as the Retry-After header (seconds) */
  readonly retryAfterSeconds: number | undefined;
  /** the message in any language; undefined when only the English `message` says it (then other languages read the code's) */
  readonly say: Say | undefined;

  /**
   * `message` is the English API clients read; `say` the same in any language. Give `say` alone
   * when its English is the message, `message` alone for staff-only English (other languages then
   * read the code's general sentence), neither for the code's general sentence.
   */
  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      say?: Say;
      fields?: FieldProblem[];
      details?: Record<string, unknown>;
      retryAfterSeconds?: number;
    } = {},
  ) {
    const say = options.say ?? (options.message === undefined ? (m) => m.errors[code] : undefined);
    super(options.message ?? say?.(en) ?? en.errors[code]);
    this.name = "AppError";
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.fields = options.fields;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.say = say;
  }
}

export const notFound = (what = "record"): AppError => new AppError("NOT_FOUND", { message: `No such ${what}.` });

export const invalid = (field: string, message: string, say?: Say): AppError =>
  new AppError("VALIDATION_FAILED", { message, say, fields: [{ field, message, say }] });

/** Fields refused together: API clients read them listed in English; in a language, the code's general sentence. */
export const invalidFields = (fields: FieldProblem[]): AppError =>
  new AppError("VALIDATION_FAILED", {
    message: fields.map((f) => `${f.field}: ${f.message}`).join("; "),
    say: (m) => m.errors.VALIDATION_FAILED,
    fields,
  });

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: { field: string; message: string }[];
  details?: Record<string, unknown>;
}

/**
 * The English an API client reads when it asks for no language (and /almaws always): the
 * sentences as they have always been, with straight apostrophes, since a program may match on
 * them; pages, which always name their language, read the catalogue's typographic ones.
 */
export const asApiClientsRead = (english: string): string => english.replaceAll("’", "'");

/**
 * The error as answered. Without a language (an API client that asked for none), the English
 * messages as they have always been. In a language, every message from its catalogue: the
 * sentence the error says, else (English) its own message, else the code's general sentence;
 * for a field, its sentence, else (English) its message, else "this value is not valid".
 */
export function toErrorBody(err: AppError, language: Language | null = null): ErrorBody {
  const m = language ? messagesIn(language) : null;
  const message = !m
    ? asApiClientsRead(err.message)
    : err.say
      ? err.say(m)
      : language === "en"
        ? err.message
        : m.errors[err.code];
  const body: ErrorBody = { code: err.code, message };
  if (err.fields) {
    body.fields = err.fields.map((f) => ({
      field: f.field,
      message: !m ? asApiClientsRead(f.message) : f.say ? f.say(m) : language === "en" ? f.message : m.fields.invalid,
    }));
  }
  if (err.details) body.details = err.details;
  return body;
}
