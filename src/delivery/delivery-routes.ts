import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FastifyReply } from "fastify";
import { AppError, errorCatalogue } from "../errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, errorSchema, idParam } from "../server/schemas.js";
import { fileHeaders, findLink, linkState, openDownload, RESUME_WINDOW_MINUTES, resumeWindowOpen } from "./download.js";
import { pageHeaders, pageLanguage, problemPage, readyPage, type ProblemPage } from "./link-page.js";
import type { LinkForDownload } from "./links-repository.js";
import { reissueLinks } from "./reissue-links.js";
import { tokenParams, html } from "./delivery-schemas.js";

const isPageError = (err: unknown): err is AppError & { code: ProblemPage } =>
  err instanceof AppError &&
  (err.code === "LINK_EXPIRED" || err.code === "LINK_NOT_FOUND" || err.code === "LINK_RESUME_CLOSED");

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;

  /** Answers one of the link pages, in the patron's language when the link is known (never their data). */
  const sendPage = (reply: FastifyReply, kind: ProblemPage, link: LinkForDownload | undefined, backHref?: string) => {
    const language = pageLanguage(link);
    return reply
      .status(errorCatalogue[kind].status)
      .headers(pageHeaders(language))
      .send(problemPage(kind, language, backHref));
  };

  app.get(
    "/downloads/:token",
    {
      schema: {
        tags: ["Delivery"],
        summary: "The page a download link opens (no sign-in; the token is the key); counts nothing",
        description:
          "A small page in the patron's language (their preferred language, else the institution's, else English): " +
          "the file name, its size, the downloads left, the expiry, and a Download button to `/downloads/{token}/file`, " +
          "which alone counts a view. Opening the page (GET or HEAD) counts nothing, so mail scanners and link " +
          "previews do not use up the patron's views. A used-up, expired or withdrawn link answers 410, an unknown one " +
          "404, each with a plain page. Pages are sent with `Cache-Control: no-store`, `Referrer-Policy: no-referrer` " +
          "and a restrictive Content-Security-Policy.",
        params: tokenParams,
        response: {
          200: html("the file, its size, downloads left, expiry, and the Download button"),
          404: html("link not found"),
          410: html("the link has expired, was used up, or was withdrawn"),
        },
      },
    },
    async (req, reply) => {
      const link = await findLink(app.ctx, req.params.token);
      if (!link) return sendPage(reply, "LINK_NOT_FOUND", undefined);
      if (linkState(link, clock.now()) !== "available") return sendPage(reply, "LINK_EXPIRED", link);
      const language = pageLanguage(link);
      return reply
        .status(200)
        .headers(pageHeaders(language))
        .send(readyPage(link, language, `${encodeURIComponent(req.params.token)}/file`));
    },
  );

  app.get(
    "/downloads/:token/file",
    {
      // HEAD is answered below without counting; Fastify's automatic HEAD would run this handler.
      exposeHeadRoute: false,
      schema: {
        tags: ["Delivery"],
        summary: "Download a delivered file by its link: a GET from byte 0 counts one view",
        description:
          "A view is one download: a GET without Range, or with a Range starting at byte 0, counts one view " +
          `atomically and opens a ${RESUME_WINDOW_MINUTES}-minute resume window. Within it, while the link is alive, ` +
          "GETs with a single Range starting later continue that download and count nothing (parallel ranges too). " +
          "A Range starting later outside the window, or on a link never downloaded, answers 410 (a page offering " +
          "the link's page again when downloads are left); so does any GET once the views are used up, the link " +
          "expired, was withdrawn or its file deleted. HEAD answers the file's headers and counts nothing.",
        params: tokenParams,
        response: {
          200: z.any().describe("the file"),
          206: z.any().describe("part of the file"),
          404: html("link not found"),
          410: html("expired, used up, withdrawn, or a range outside the resume window"),
          416: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const link = await findLink(app.ctx, req.params.token);
      if (!link) return sendPage(reply, "LINK_NOT_FOUND", undefined);
      try {
        const range = typeof req.headers.range === "string" ? req.headers.range : undefined;
        const d = await openDownload(app.ctx, link, range);
        return reply.status(d.status).headers(d.headers).send(d.body);
      } catch (err) {
        if (isPageError(err)) return sendPage(reply, err.code, link, `../${encodeURIComponent(req.params.token)}`);
        if (err instanceof AppError && err.code === "RANGE_NOT_SATISFIABLE") {
          reply.header("content-range", `bytes */${String(err.details?.size_bytes ?? "*")}`);
        }
        throw err;
      }
    },
  );

  app.head("/downloads/:token/file", { schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const link = await findLink(app.ctx, req.params.token);
    if (!link)
      return reply
        .status(404)
        .headers(pageHeaders(pageLanguage(undefined)))
        .send();
    const now = clock.now();
    const state = linkState(link, now);
    if (state === "gone" || (state === "used_up" && !resumeWindowOpen(link, now))) {
      return reply
        .status(410)
        .headers(pageHeaders(pageLanguage(link)))
        .send();
    }
    return reply
      .status(200)
      .headers({ ...fileHeaders(link), "content-length": String(link.size_bytes) })
      .send();
  });

  app.post(
    "/requests/:id/links/reissue",
    {
      schema: {
        tags: ["Requests"],
        summary: "Send the patron new download links without rescanning (Work Order Operator)",
        description: "The request's current links stop working; a new document_delivery_notification is sent.",
        params: idParam,
        body: z.object({ note: z.string().trim().max(2000).nullable().optional() }).strict(),
        response: {
          200: z.object({ request_id: z.number(), revoked_links: z.number(), outbox_id: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (req) => reissueLinks(db, requireActor(req), req.params.id, req.body, clock.now()),
  );
};
