import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses, errorSchema, idParam } from "../server/schemas.js";
import { openDownload } from "./download.js";
import { reissueLinks } from "./reissue-links.js";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page a patron sees for a link that no longer works: plain, friendly, no details that help a guesser. */
function linkPage(title: string, text: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>
<p>If you still need the copy, please contact your library: staff can send you a new link.</p></body></html>`;
}

const PAGES = {
  LINK_EXPIRED: {
    status: 410,
    title: "This link has expired",
    text: "The download link was used as many times as allowed, passed its expiry date, or was withdrawn.",
  },
  LINK_NOT_FOUND: { status: 404, title: "Link not found", text: "This download link does not exist." },
} as const;

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    "/downloads/:token",
    {
      schema: {
        tags: ["Delivery"],
        summary: "Download a delivered file by its link (no sign-in; the token is the key)",
        description:
          "Each download from the first byte counts one view, atomically; a Range request starting later resumes a counted download. " +
          "A used-up, expired or withdrawn link answers 410 with a plain page. Supports a single HTTP byte range.",
        params: z.object({ token: z.string().max(200) }),
        response: {
          200: z.any().describe("the file"),
          206: z.any().describe("part of the file"),
          404: z.string().describe("HTML page"),
          410: z.string().describe("HTML page"),
          416: errorSchema,
        },
      },
    },
    async (req, reply) => {
      try {
        const range = typeof req.headers.range === "string" ? req.headers.range : undefined;
        const d = await openDownload(app.ctx, req.params.token, range);
        return reply.status(d.status).headers(d.headers).send(d.body);
      } catch (err) {
        if (err instanceof AppError && (err.code === "LINK_EXPIRED" || err.code === "LINK_NOT_FOUND")) {
          const page = PAGES[err.code];
          return reply
            .status(page.status)
            .header("cache-control", "no-store")
            .type("text/html; charset=utf-8")
            .send(linkPage(page.title, page.text));
        }
        if (err instanceof AppError && err.code === "RANGE_NOT_SATISFIABLE") {
          reply.header("content-range", `bytes */${String(err.details?.size_bytes ?? "*")}`);
        }
        throw err;
      }
    },
  );

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
