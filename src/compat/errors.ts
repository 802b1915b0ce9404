import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError, asApiClientsRead } from "../errors.js";
import { toAppError } from "../server/errors-plugin.js";

/*
 * Errors under /almaws come in the reference platform's envelope, so that its clients find them
 * where they look; the codes and statuses stay those of Recto's catalogue.
 */

const almaErrorEntry = z.object({
  errorCode: z.string().describe("Recto's stable error code"),
  errorMessage: z.string(),
  trackingId: z.string().describe("The id of this HTTP request in Recto's log"),
  field: z.string().optional().describe("Recto's addition: the offending field, for validation errors"),
  details: z.record(z.string(), z.unknown()).optional(),
});

const almaErrorSchema = z
  .object({
    errorsExist: z.literal(true),
    errorList: z.object({ error: z.array(almaErrorEntry) }),
    result: z.null(),
  })
  .describe("Every error answer under /almaws, in the reference platform's shape.");

type AlmaErrorBody = z.infer<typeof almaErrorSchema>;

export const almaErrorResponses = {
  400: almaErrorSchema,
  401: almaErrorSchema,
  403: almaErrorSchema,
  404: almaErrorSchema,
  409: almaErrorSchema,
  415: almaErrorSchema,
  422: almaErrorSchema,
};

/** One entry per offending field, as the platform lists each problem; otherwise one entry. */
function toAlmaErrorBody(err: AppError, trackingId: string): AlmaErrorBody {
  const entries: AlmaErrorBody["errorList"]["error"] = err.fields?.length
    ? err.fields.map((f) => ({
        errorCode: err.code,
        errorMessage: asApiClientsRead(`${f.field}: ${f.message}`),
        trackingId,
        field: f.field,
      }))
    : [{ errorCode: err.code, errorMessage: asApiClientsRead(err.message), trackingId }];
  if (err.details) entries[0]!.details = err.details;
  return { errorsExist: true, errorList: { error: entries }, result: null };
}

function sendAlmaError(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  return reply
    .status(err.status)
    .type("application/json")
    .send(toAlmaErrorBody(err, String(req.id)));
}

/** A body in a content type the routes do not read is the platform's 415, not a malformed body. */
function toAlmaAppError(err: unknown, req: FastifyRequest): AppError {
  if ((err as FastifyError).code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    const sent = String(req.headers["content-type"] ?? "").slice(0, 100);
    return new AppError("UNSUPPORTED_MEDIA_TYPE", {
      message: `Send the body as application/json, application/xml or text/xml${sent ? `, not ${sent}` : ""}.`,
    });
  }
  return toAppError(err, req);
}

/**
 * Encapsulated in the /almaws plugin: its routes, its unknown URLs, and the root hooks that run
 * for them (authentication) all answer in the platform's shape.
 */
export function registerAlmaErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => sendAlmaError(reply, req, toAlmaAppError(err, req)));
  app.setNotFoundHandler((req, reply) =>
    sendAlmaError(
      reply,
      req,
      new AppError("ROUTE_NOT_FOUND", { message: `No endpoint ${req.method} ${req.url.split("?")[0]}.` }),
    ),
  );
}
