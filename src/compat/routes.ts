import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../server/auth-plugin.js";
import { requestOptionsCompatRoutes } from "./request-options-routes.js";
import { removeStoredFiles } from "../requests/stored-files.js";
import { almaErrorResponses, registerAlmaErrorHandling } from "./errors.js";
import {
  cancelQuery,
  listQuery,
  placeBody,
  placeQuery,
  readQuery,
  userIdParams,
  userRequestListSchema,
  userRequestParams,
  userRequestSchema,
} from "./schemas.js";
import { cancelUserRequest, getUserRequest, listUserRequests, placeUserRequest } from "./user-requests.js";
import { answerFormat, parseUserRequestXml, toPlatformXml, XML_CONTENT_TYPES } from "./xml.js";

const tags = ["Compatibility (almaws)"];
const auth =
  " Authenticate with `Authorization: apikey <key>` (or `Bearer <key>`) or the `apikey` query parameter, which only the /almaws routes accept." +
  " Answers JSON or XML, as `format=json|xml` or Accept asks (else as the body was sent).";
const produces = ["application/json", "application/xml"];

const userRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;

  app.post(
    "/users/:user_id/requests",
    {
      schema: {
        tags,
        summary: "Create a digitization request for a user (the reference platform's user-request API)",
        description: `Give item_pid, or mms_id for a title-level request; answers 200 with the user_request, as the platform does.${auth}`,
        consumes: ["application/json", ...XML_CONTENT_TYPES],
        produces,
        params: userIdParams,
        querystring: placeQuery,
        body: placeBody,
        response: { 200: userRequestSchema, ...almaErrorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { target_destination, pickup_location_library, custom_checkboxes, request_type: _type, ...form } = req.body;
      const placed = await placeUserRequest(
        db,
        actor,
        {
          userPrimaryId: req.params.user_id,
          itemPid: req.query.item_pid,
          mmsId: req.query.mms_id,
          libraryCode: pickup_location_library,
          targetDestination: target_destination,
          form,
          checkboxes: custom_checkboxes ?? [],
        },
        clock.now(),
      );
      const id = placed.request.id;
      return getUserRequest(db, actor, req.params.user_id, id);
    },
  );

  app.get(
    "/users/:user_id/requests",
    {
      schema: {
        tags,
        summary: "List a user's requests: active (open or delivered) or history (ended), newest first",
        description: `Paged with limit (default 10, at most 100) and offset.${auth}`,
        produces,
        params: userIdParams,
        querystring: listQuery,
        response: { 200: userRequestListSchema, ...almaErrorResponses },
      },
    },
    async (req) =>
      listUserRequests(db, requireActor(req), {
        userPrimaryId: req.params.user_id,
        status: req.query.status,
        requestType: req.query.request_type,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  );

  app.get(
    "/users/:user_id/requests/:request_id",
    {
      schema: {
        tags,
        summary: "Read one of a user's requests",
        description: auth.trim(),
        produces,
        params: userRequestParams,
        querystring: readQuery,
        response: { 200: userRequestSchema, ...almaErrorResponses },
      },
    },
    async (req) => getUserRequest(db, requireActor(req), req.params.user_id, req.params.request_id),
  );

  app.delete(
    "/users/:user_id/requests/:request_id",
    {
      schema: {
        tags,
        summary: "Cancel one of a user's requests, with a reason code and an optional note",
        description: `reason defaults to CancelledAtPatronRequest. Answers 204.${auth}`,
        params: userRequestParams,
        querystring: cancelQuery,
        response: { 204: z.null(), ...almaErrorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { reason, note, notify_user } = req.query;
      const closed = await cancelUserRequest(
        db,
        actor,
        req.params.user_id,
        req.params.request_id,
        { reason, note, notifyUser: notify_user },
        clock.now(),
      );
      await removeStoredFiles(app.ctx, closed.removedFiles);
      return reply.status(204).send(null);
    },
  );
};

/**
 * The compatibility subset of the reference platform's API (DOMAIN 9), mounted at /almaws:
 * every answer under it, errors included, has the platform's shape.
 */
export const almawsRoutes: FastifyPluginAsyncZod = async (app) => {
  registerAlmaErrorHandling(app);
  // Bodies: JSON (Fastify's own parser) or the platform's XML, in this plugin's scope only;
  // any other content type, text/plain included, is answered 415.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser(XML_CONTENT_TYPES, { parseAs: "string" }, (_req, body, done) => {
    try {
      done(null, parseUserRequestXml(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Answers, errors included, in the format asked for: JSON as serialized, or rewritten as XML.
  app.addHook("onSend", async (req, reply, payload) => {
    if (answerFormat(req) !== "xml" || typeof payload !== "string" || payload === "") return payload;
    if (!String(reply.getHeader("content-type") ?? "").startsWith("application/json")) return payload;
    reply.type("application/xml; charset=utf-8");
    return toPlatformXml(JSON.parse(payload));
  });
  await app.register(userRequestRoutes, { prefix: "/v1" });
  await app.register(requestOptionsCompatRoutes, { prefix: "/v1" });
};
