import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../auth/actor.js";
import type { RequestState } from "../db/schema.js";
import { AppError, invalid } from "../errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { errorResponses, errorSchema } from "../server/schemas.js";
import { attachFile } from "./attach-file.js";
import { cancelRequest, rejectRequest } from "./close-request.js";
import { approveTask, rejectTask } from "./decide-task.js";
import { deliverRequest } from "./deliver.js";
import { completeRequest, pickItem, scanIn } from "./handling-steps.js";
import { placeRequest } from "./place-request.js";
import { getHistory, getRequest, listRequests, presentPlaced } from "./read-requests.js";
import { findUserIdByPrimaryId } from "../people/users-repository.js";
import {
  approveTaskBody,
  cancelBody,
  closeBody,
  eventSchema,
  listRequestsQuery,
  noteBody,
  placeRequestBody,
  rejectTaskBody,
  requestIdParam,
  requestPageSchema,
  requestSchema,
  taskParams,
} from "./schemas.js";
import { removeStoredFiles } from "./stored-files.js";
import { assertStorableText } from "../server/input-guard.js";

export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const storage = fileStorageFromConfig(app.ctx.config);
  const tags = ["Requests"];
  const one = { 200: requestSchema, ...errorResponses };

  const patronId = async (actor: Actor, primaryId: string | undefined): Promise<number> => {
    if (!primaryId) return actor.userId;
    const id = await findUserIdByPrimaryId(db, actor.institutionId, primaryId);
    if (id === null) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
    return id;
  };

  app.post(
    "/requests",
    {
      schema: {
        tags,
        summary: "Place a digitization request (for yourself, or as fulfillment staff for a patron)",
        body: placeRequestBody,
        response: { 201: requestSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const {
        user_id,
        mms_id,
        item_id,
        library,
        target_destination,
        course,
        custom_checkboxes,
        duplicate_acknowledged,
        request_source,
        ...form
      } = req.body;
      const userId = await patronId(actor, user_id);
      if (request_source && userId !== actor.userId) {
        throw invalid("request_source", "is for a patron placing a request for themselves");
      }
      const placed = await placeRequest(
        db,
        actor,
        {
          userId,
          mmsId: mms_id,
          itemId: item_id ?? null,
          libraryCode: library ?? null,
          targetDestination: target_destination ?? null,
          source: course ? "course" : userId === actor.userId ? (request_source ?? "patron") : "staff",
          course: course ?? null,
          form,
          checkboxes: custom_checkboxes ?? [],
          duplicateAcknowledged: duplicate_acknowledged ?? false,
        },
        clock.now(),
      );
      return reply.status(201).send(await presentPlaced(db, actor, placed));
    },
  );

  app.get(
    "/requests",
    {
      schema: {
        tags,
        summary: "List the requests you may see: filters, work queues, sorting, keyset paging both ways",
        querystring: listRequestsQuery,
        response: { 200: requestPageSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      return listRequests(db, actor, {
        states: q.state as RequestState[] | undefined,
        queue: q.queue,
        task: q.task,
        library: q.library,
        place: q.place,
        userPrimaryId: q.user_id,
        course: q.course,
        itemBarcode: q.item_barcode,
        from: q.from,
        to: q.to,
        sort: q.sort,
        cursor: q.cursor,
        limit: q.limit,
      });
    },
  );

  app.get(
    "/requests/:id",
    {
      schema: {
        tags,
        summary: "Read a request with its tasks, files and allowed actions",
        params: requestIdParam,
        response: one,
      },
    },
    async (req) => getRequest(db, requireActor(req), req.params.id),
  );

  app.get(
    "/requests/:id/history",
    {
      schema: {
        tags,
        summary: "The request's history: who did what, when, from which state to which, and why",
        params: requestIdParam,
        response: { 200: z.object({ events: z.array(eventSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ events: await getHistory(db, requireActor(req), req.params.id) }),
  );

  const step = (
    path: string,
    summary: string,
    run: (actor: Actor, id: number, body: z.infer<typeof noteBody>) => Promise<unknown>,
  ) =>
    app.post(
      path,
      { schema: { tags, summary, params: requestIdParam, body: noteBody, response: one } },
      async (req) => {
        const actor = requireActor(req);
        await run(actor, req.params.id, req.body ?? {});
        return getRequest(db, actor, req.params.id);
      },
    );

  step("/requests/:id/pick", "Pick the item from the shelf (Requests Operator)", (a, id, b) =>
    pickItem(db, a, id, b, clock.now()),
  );
  step("/requests/:id/scan-in", "Scan the item in at the digitization place", (a, id, b) =>
    scanIn(db, a, id, b, clock.now()),
  );
  app.post(
    "/requests/:id/files",
    {
      schema: {
        tags,
        summary: "Attach the scanned file (multipart field 'file': PDF, TIFF, JPEG or PNG, checked by content)",
        consumes: ["multipart/form-data"],
        params: requestIdParam,
        response: { 201: requestSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const part = await req.file();
      if (!part) {
        throw new AppError("VALIDATION_FAILED", {
          message: "Send the scan as the multipart/form-data field 'file'.",
          fields: [{ field: "file", message: "is required" }],
        });
      }
      assertStorableText(part.filename, "file", "has a name that ");
      await attachFile(
        db,
        storage,
        actor,
        req.params.id,
        { stream: part.file, fileName: part.filename, maxBytes: app.ctx.config.maxUploadBytes },
        clock.now(),
      );
      return reply.status(201).send(await getRequest(db, actor, req.params.id));
    },
  );

  step("/requests/:id/deliver", "Deliver the scanned file to the patron (Work Order Operator)", (a, id, b) =>
    deliverRequest(db, a, id, b, clock.now()),
  );
  step("/requests/:id/complete", "Mark a delivered request done and release the item", (a, id, b) =>
    completeRequest(db, a, id, b, clock.now()),
  );

  const closing = (
    path: string,
    summary: string,
    body: typeof closeBody | typeof cancelBody,
    run: typeof cancelRequest,
  ) =>
    app.post(path, { schema: { tags, summary, params: requestIdParam, body, response: one } }, async (req) => {
      const actor = requireActor(req);
      const { notify_user, ...input } = req.body as z.infer<typeof cancelBody>;
      const closed = await run(
        db,
        actor,
        req.params.id,
        { ...input, ...(notify_user === undefined ? {} : { notifyUser: notify_user }) },
        clock.now(),
      );
      await removeStoredFiles(app.ctx, closed.removedFiles);
      return getRequest(db, actor, req.params.id);
    });

  closing(
    "/requests/:id/cancel",
    "Cancel a request, with the reason (patron for their own, or staff); notify_user: false sends no letter",
    cancelBody,
    cancelRequest,
  );
  closing(
    "/requests/:id/reject",
    "Reject a request, with the reason (Fulfillment Services Manager)",
    closeBody,
    rejectRequest,
  );

  app.post(
    "/requests/:id/tasks/:task_id/approve",
    {
      schema: {
        tags,
        summary: "Approve an approval or copyright task (copyright: record source, licence or transaction, fee)",
        params: taskParams,
        body: approveTaskBody,
        response: one,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await approveTask(db, actor, req.params.id, req.params.task_id, req.body, clock.now());
      return getRequest(db, actor, req.params.id);
    },
  );

  app.post(
    "/requests/:id/tasks/:task_id/reject",
    {
      schema: {
        tags,
        summary: "Reject a task: the request is rejected and any scanned file deleted",
        params: taskParams,
        body: rejectTaskBody,
        response: one,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const closed = await rejectTask(db, actor, req.params.id, req.params.task_id, req.body, clock.now());
      await removeStoredFiles(app.ctx, closed.removedFiles);
      return getRequest(db, actor, req.params.id);
    },
  );
};
