import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseBusy } from "../db/errors.js";
import { AppError, type FieldProblem, toErrorBody, type ErrorBody } from "../errors.js";

/** Seconds a client is told to wait before retrying after DATABASE_BUSY (the Retry-After header). */
const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

/** Turns any thrown error into the catalogue's shape; nothing internal reaches the client on 5xx. */
export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: FieldProblem[] = err.validation.map((v) => {
      const where = err.validationContext ?? "body";
      const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
      return { field: path ? path : where, message: v.message ?? "is invalid" };
    });
    return new AppError("VALIDATION_FAILED", {
      message: `Invalid ${err.validationContext ?? "input"}: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`,
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

function sendAppError(reply: FastifyReply, err: AppError): FastifyReply {
  const body: ErrorBody = toErrorBody(err);
  if (err.retryAfterSeconds !== undefined) reply.header("retry-after", String(err.retryAfterSeconds));
  else if (err.code === "DATABASE_BUSY") reply.header("retry-after", String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
  return reply.status(err.status).type("application/json").send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => sendAppError(reply, toAppError(err, req)));
  app.setNotFoundHandler((req, reply) =>
    sendAppError(
      reply,
      new AppError("ROUTE_NOT_FOUND", { message: `No endpoint ${req.method} ${req.url.split("?")[0]}.` }),
    ),
  );
}
