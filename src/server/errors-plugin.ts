import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseBusy } from "../db/errors.js";
import { AppError, type FieldProblem, toErrorBody, type ErrorBody } from "../errors.js";
import type { Language } from "../shared/messages/index.js";
import { sayIssue } from "../shared/messages/zod-issues.js";
import { messageLanguage } from "./message-language.js";

/** Seconds a client is told to wait before retrying after DATABASE_BUSY (the Retry-After header). */
const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

/** The part of the request a validation error is about, as sent. */
function sentPart(req: FastifyRequest, where: string): unknown {
  if (where === "querystring") return req.query;
  if (where === "params") return req.params;
  if (where === "headers") return req.headers;
  return req.body;
}

function valueAt(value: unknown, segments: string[]): unknown {
  let at = value;
  for (const s of segments) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[s];
  }
  return at;
}

/** Not sent, or sent empty: said as "fill in this field" rather than as a wrong type. */
const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** Turns any thrown error into the catalogue's shape; nothing internal reaches the client on 5xx. */
export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? "body";
    const fields: FieldProblem[] = err.validation.map((v) => {
      const segments = v.instancePath.split("/").filter(Boolean);
      const path = segments.join(".");
      const missing = isBlank(valueAt(sentPart(req, where), segments));
      return {
        field: path ? path : where,
        message: v.message ?? "is invalid",
        say: sayIssue({ code: v.keyword, params: (v.params ?? {}) as Record<string, unknown>, missing }),
      };
    });
    return new AppError("VALIDATION_FAILED", {
      message: `Invalid ${err.validationContext ?? "input"}: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`,
      say: (m) => m.errors.VALIDATION_FAILED,
      fields,
    });
  }
  const fe = err as FastifyError;
  if (
    fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    fe.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    (fe.statusCode === 400 && fe instanceof SyntaxError)
  ) {
    return new AppError("MALFORMED_BODY");
  }
  if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE" || fe.statusCode === 413) return new AppError("PAYLOAD_TOO_LARGE");
  if (fe.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || fe.statusCode === 415) {
    return new AppError("MALFORMED_BODY", { message: "Send the body as application/json." });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError("MALFORMED_BODY", { message: fe.message });
  }
  if (isDatabaseBusy(err)) {
    // Retryable, not a bug: another process held the database past the lock timeout.
    req.log.warn({ err, req }, "database busy");
    return new AppError("DATABASE_BUSY");
  }
  // The logger's serializers redact the URL and scrub the error's text (src/server/logger.ts).
  req.log.error({ err, req }, "unhandled error");
  return new AppError("INTERNAL_ERROR");
}

function sendAppError(reply: FastifyReply, err: AppError, language: Language | null = null): FastifyReply {
  const body: ErrorBody = toErrorBody(err, language);
  if (language) reply.header("content-language", language);
  if (err.retryAfterSeconds !== undefined) reply.header("retry-after", String(err.retryAfterSeconds));
  else if (err.code === "DATABASE_BUSY") reply.header("retry-after", String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
  return reply.status(err.status).type("application/json").send(body);
}

/** Errors in the catalogue's shape, their messages in the reader's language (server/message-language.ts). */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err, req, reply) => {
    const appError = toAppError(err, req);
    return sendAppError(reply, appError, await messageLanguage(app.ctx, req));
  });
  app.setNotFoundHandler(async (req, reply) =>
    sendAppError(
      reply,
      new AppError("ROUTE_NOT_FOUND", { message: `No endpoint ${req.method} ${req.url.split("?")[0]}.` }),
      await messageLanguage(app.ctx, req),
    ),
  );
}
