import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.js";
import { requireActor } from "../server/auth-plugin.js";
import { errorResponses } from "../server/schemas.js";
import { MAX_QUERY, pagesOf, parseOpenUrl } from "./openurl.js";
import { resolveCitation, searchTextOf } from "./openurl-resolve.js";

const text = z.string().nullable();
const citationSchema = z.object({
  version: z.enum(["0.1", "1.0"]),
  genre: text,
  atitle: text.describe("the article's or chapter's title"),
  title: text.describe("the journal's or book's title"),
  author: text,
  aulast: text,
  volume: text,
  issue: text,
  spage: text,
  epage: text,
  pages: text.describe("the pages as the request form takes them, e.g. 12-19"),
  date: text,
  issn: text,
  isbn: text,
  doi: text,
  pmid: text,
  oclc: text,
  source: text.describe("sid or rfr_id: who sent the patron"),
});

/** Resolving an OpenURL (0.1 or 1.0 KEV) to a title of the catalogue, for the patron's /openurl page. */
export const openUrlRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/openurl/resolve",
    {
      schema: {
        tags: ["Catalogue"],
        summary: "Read an OpenURL citation and find its title in the catalogue (the /openurl page asks this)",
        description:
          "The query string is the OpenURL itself: 0.1 (`genre`, `atitle`, `title`, `aulast`, `issn`, `isbn`, " +
          "`volume`, `issue`, `spage`, `epage`, `pages`, `date`, `id=doi:…`, `id=pmid:…`, `sid`) or 1.0 KEV " +
          "(`url_ver=Z39.88-2004`, `rft.atitle`, `rft.jtitle`/`rft.btitle`/`rft.title`, `rft.au`/`rft.aulast`, " +
          "`rft.volume`, …, `rft_id=info:doi/…`, `info:pmid/…`, `info:oclcnum/…`). Matching: ISBN, ISSN, OCLC " +
          "number, DOI and PMID (among a record's identifiers) first, then title and author, then title alone " +
          "when it is unique. `match.item_id` is the item whose description names the citation's volume/issue. " +
          `400 OPENURL_UNREADABLE for a broken encoding, a query over ${MAX_QUERY} characters, or no usable field.`,
        // The query is read as it came (parseOpenUrl); these are documented, any other key is allowed.
        querystring: z
          .object({
            url_ver: z.string().optional().describe("Z39.88-2004 for 1.0"),
            "rft.atitle": z.string().optional(),
            "rft.jtitle": z.string().optional(),
            "rft.issn": z.string().optional(),
            rft_id: z
              .union([z.string(), z.array(z.string())])
              .optional()
              .describe("info:doi/…, info:pmid/…, info:oclcnum/…"),
            genre: z.string().optional(),
            atitle: z.string().optional(),
            title: z.string().optional(),
            aulast: z.string().optional(),
            issn: z.string().optional(),
            id: z
              .union([z.string(), z.array(z.string())])
              .optional()
              .describe("doi:…, pmid:…"),
            sid: z.string().optional(),
          })
          .passthrough(),
        response: {
          200: z.object({
            citation: citationSchema.extend({ pages: text }),
            match: z
              .object({
                mms_id: z.string(),
                item_id: z.string().nullable(),
                matched_by: z.enum(["isbn", "issn", "oclc", "doi", "pmid", "title_author", "title"]),
              })
              .nullable(),
            search_text: z.string().describe("what to search for when nothing matched"),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const raw = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "";
      const parsed = parseOpenUrl(raw);
      if (!parsed.ok) throw new AppError("OPENURL_UNREADABLE", { details: { reason: parsed.reason } });
      const citation = { ...parsed.citation, pages: pagesOf(parsed.citation) };
      const match = await resolveCitation(app.ctx.db, actor, parsed.citation);
      return { citation, match, search_text: searchTextOf(parsed.citation) };
    },
  );
};
