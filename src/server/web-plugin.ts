import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { servedInstitution } from "../organisation/served-institution.js";
import { codeField, errorResponses } from "./schemas.js";

/** Where `npm run build:web` writes the pages (web/dist at the repository's root). */
export const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, "../../web/dist");

/**
 * The addresses that answer with the patron app's page; the app's router knows the same ones
 * (web/src/patron/routes.ts). Each also exists under an institution's own address, /i/CODE/.
 * Nothing under /api, /almaws or /health is ever answered with a page.
 */
export const PATRON_PAGES = [
  "/",
  "/sign-in",
  "/titles/*",
  "/requests",
  "/requests/*",
  "/openurl",
  "/i/:code",
  "/i/:code/*",
] as const;
export const STAFF_PAGES = ["/staff", "/staff/*", "/i/:code/staff", "/i/:code/staff/*"] as const;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recto</title></head>
<body><h1>Recto’s web pages are not built</h1>
<p>Run <code>npm run build:web</code> (it runs at <code>npm ci</code>), then reload this page. The API is at <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/** A hashed asset never changes under its name: browsers keep it for a year. */
const ASSET_CACHE = "public, max-age=31536000, immutable";

function readPage(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Serves the web pages built under `dir`: the patron app at `/` (and `/i/CODE/…`), the staff app
 * at `/staff`, their hashed assets under `/assets/`, all public (the pages ask the API, which
 * checks the caller). A page is read once at start; it is answered with `no-cache`, so a new
 * build is picked up at the next load after a restart. Also `GET /api/v1/web/institution`:
 * which institution a page serves.
 */
export const webPages: FastifyPluginAsyncZod<{ dir?: string }> = async (app, opts) => {
  const dir = opts.dir ?? DEFAULT_WEB_DIR;
  const { db, config } = app.ctx;
  const patron = readPage(path.join(dir, "index.html"));
  const staff = readPage(path.join(dir, "staff", "index.html"));
  if (patron === null) app.log.warn({ dir }, "web pages not built: run npm run build:web");

  // Only a file found gets the year-long cache (a 404 must not be kept).
  await app.register(fastifyStatic, {
    root: path.join(dir, "assets"),
    serve: false,
    cacheControl: false,
    dotfiles: "deny",
    setHeaders: (reply) => reply.header("cache-control", ASSET_CACHE),
  });

  const page = (html: string | null) => (reply: FastifyReply) =>
    reply
      .status(html === null ? 503 : 200)
      .header("cache-control", "no-cache")
      .type("text/html; charset=utf-8")
      .send(html ?? NOT_BUILT);

  const hidden = { schema: { hide: true }, config: { public: true } } as const;
  for (const url of PATRON_PAGES) app.get(url, hidden, (_req, reply) => page(patron)(reply));
  for (const url of STAFF_PAGES) app.get(url, hidden, (_req, reply) => page(staff)(reply));

  app.get("/assets/*", hidden, (req, reply) => {
    const file = (req.params as { "*": string })["*"];
    return reply.sendFile(file);
  });

  app.get(
    "/api/v1/web/institution",
    {
      config: { public: true },
      schema: {
        tags: ["Organisation"],
        summary: "Which institution a web page serves, with its languages (anyone may ask)",
        description:
          "`code` is the institution of the page's address (`/i/CODE/`); without it, the server's " +
          "DEFAULT_INSTITUTION, else the only institution. 404 INSTITUTION_NOT_CHOSEN when the server " +
          "has several and no default.",
        security: [],
        querystring: z.object({ code: codeField.optional() }).strict(),
        response: {
          200: z.object({
            id: z.number(),
            code: z.string(),
            name: z.string(),
            default_language: z.string().describe("one of languages"),
            languages: z.array(z.string()).describe("the languages the pages are written in"),
            time_zone: z.string().describe("IANA zone: the pages give dates and times in it"),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => servedInstitution(db, { code: req.query.code, defaultCode: config.defaultInstitution }),
  );
};

/** Registers the web pages; `dir` is for tests (default: web/dist). */
export async function registerWebPages(app: FastifyInstance, dir?: string): Promise<void> {
  await app.register(webPages, dir === undefined ? {} : { dir });
}
