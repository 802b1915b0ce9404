/**
 * The error catalogue: every error Recto answers with has a stable code, an HTTP status
 * and a message a person can act on. Codes never change once published; messages may.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: "Some fields are missing or invalid." },
  MALFORMED_BODY: { status: 400, message: "The request body could not be read; send valid JSON." },
  UNAUTHENTICATED: { status: 401, message: "Sign in or send an API key to use this endpoint." },
  INVALID_CREDENTIALS: { status: 401, message: "The institution, user or password is not correct." },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    message: "Too many failed sign-in attempts; wait a few minutes before trying again.",
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: "This browser request lacks a valid x-csrf-token header; reload the page and try again.",
  },
  FORBIDDEN: { status: 403, message: "Your roles do not allow this action." },
  NOT_FOUND: { status: 404, message: "No such record." },
  ROUTE_NOT_FOUND: { status: 404, message: "No such endpoint." },
  DUPLICATE: { status: 409, message: "A record with this code already exists." },
  IN_USE: { status: 409, message: "The record is still in use and cannot be deleted." },
  INVALID_STATE_TRANSITION: { status: 409, message: "The request is not in a state that allows this action." },
  ITEM_IN_REQUEST_WORKFLOW: {
    status: 409,
    message: "The item is in transit or in digitization for a request; its process status changes with the request.",
  },
  TASKS_NOT_APPROVED: { status: 409, message: "Every required approval and copyright task must be approved first." },
  PATRON_LIMIT_REACHED: {
    status: 422,
    message: "The patron already has the maximum number of active digitization requests.",
  },
  DIGITIZATION_NOT_ALLOWED: { status: 422, message: "This patron's user group may not request digitization." },
  PATRON_INACTIVE: { status: 422, message: "The patron's account is inactive or expired." },
  PATRON_BLOCKED: { status: 422, message: "The patron has a block that prevents requests." },
  NO_HANDLING_PLACE: {
    status: 422,
    message: "No digitization department or circulation desk serves this library.",
  },
  ITEM_REQUIRED: {
    status: 422,
    message: "This title has items; choose an item (general digitization is only for titles without items).",
  },
  DIGITIZATION_NOT_OFFERED: {
    status: 422,
    message: "Digitization is not offered to this patron for this item; ask explain why.",
  },
  RULE_LOCKED: {
    status: 409,
    message: "This rule is set by the consortium and is read-only in member institutions.",
  },
  FORM_LOCKED_BY_CONSORTIUM: {
    status: 409,
    message: "The request form is set by the consortium and is read-only in member institutions.",
  },
  OUTBOX_NOT_FAILED: { status: 409, message: "Only a failed outbox message can be retried." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "The request body's content type is not accepted here." },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: "Only PDF, TIFF, JPEG and PNG files are accepted." },
  FILE_TOO_LARGE: { status: 413, message: "The file is larger than the configured upload limit." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is too large." },
  MAIL_NOT_SENT: { status: 502, message: "The letter could not be handed to the mail server." },
  LINK_NOT_FOUND: { status: 404, message: "This download link does not exist." },
  LINK_EXPIRED: {
    status: 410,
    message: "This download link has expired, was used the allowed number of times, or was withdrawn.",
  },
  LINK_RESUME_CLOSED: {
    status: 410,
    message:
      "This download can no longer be resumed: start it again from the link's page (a new download counts one view).",
  },
  RANGE_NOT_SATISFIABLE: { status: 416, message: "The requested byte range is outside the file." },
  UNKNOWN_BARCODE: {
    status: 404,
    message: "No item has this barcode: check the label, or scan it again.",
  },
  NO_OPEN_REQUEST: {
    status: 409,
    message: "This item has no open request: there is nothing to pick or scan in for it.",
  },
  REQUEST_AT_OTHER_PLACE: {
    status: 409,
    message: "This item's request is handled at another place, not here.",
  },
  NOTHING_TO_SCAN: {
    status: 409,
    message: "This item's request is not waiting to be picked or scanned in.",
  },
  PRINTOUT_STATE_CONFLICT: { status: 409, message: "The printout is not in a status that allows this action." },
  DATABASE_BUSY: {
    status: 503,
    message: "The database is busy with another process's work; try again in a moment.",
  },
  INSTITUTION_NOT_CHOSEN: {
    status: 404,
    message: "This address serves several institutions: open your institution's own address, /i/<code>/.",
  },
  OPENURL_UNREADABLE: {
    status: 400,
    message:
      "This OpenURL cannot be read: its encoding is broken, or it names no title, ISBN, ISSN or identifier to look for.",
  },
  INTERNAL_ERROR: { status: 500, message: "Something went wrong on our side. The error has been logged." },
} as const satisfies Record<string, { status: number; message: string }>;

type ErrorCode = keyof typeof errorCatalogue;

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. "required_pages_range.0.from_page". */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldProblem[] | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** sent as the Retry-After header (seconds) */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      fields?: FieldProblem[];
      details?: Record<string, unknown>;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(options.message ?? errorCatalogue[code].message);
    this.name = "AppError";
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.fields = options.fields;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (what = "record"): AppError => new AppError("NOT_FOUND", { message: `No such ${what}.` });

export const invalid = (field: string, message: string): AppError =>
  new AppError("VALIDATION_FAILED", { message, fields: [{ field, message }] });

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldProblem[];
  details?: Record<string, unknown>;
}

export function toErrorBody(err: AppError): ErrorBody {
  const body: ErrorBody = { code: err.code, message: err.message };
  if (err.fields) body.fields = err.fields;
  if (err.details) body.details = err.details;
  return body;
}
