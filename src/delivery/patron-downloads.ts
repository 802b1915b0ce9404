import type { Actor } from "../auth/actor.js";
import type { DomainContext } from "../context.js";
import { AppError } from "../errors.js";
import { linkState, openDownload, resumeWindowOpen } from "./download.js";
import { isPatronRequest } from "../requests/repository.js";
import { findPatronLink, linksOfPatronRequest } from "./links-repository.js";

/*
 * Downloads for the signed-in patron: the links of their own delivered request, under the same
 * rules as the links in their letter (docs/links.md). A download from byte 0 counts one view
 * atomically; a byte range within the resume window continues it; a used-up, expired or
 * withdrawn link is refused. Another patron's request, or staff asking for one, answers 404:
 * these are the patron's own downloads, not a way for staff to read files.
 */

const notFound = () => new AppError("NOT_FOUND", { say: (m) => m.notFound.request });

export async function listPatronDownloads(ctx: DomainContext, actor: Actor, requestId: number) {
  if (!(await isPatronRequest(ctx.db, actor.institutionId, actor.userId, requestId))) throw notFound();
  const now = ctx.clock.now();
  const links = await linksOfPatronRequest(ctx.db, actor.institutionId, actor.userId, requestId);
  return links.map((l) => {
    const state = linkState(l, now);
    return {
      download_id: String(l.id),
      file_name: l.file_name,
      content_type: l.content_type,
      size_bytes: Number(l.size_bytes),
      max_views: l.max_views,
      views_left: Math.max(0, l.max_views - l.views),
      expires_at: new Date(l.expires_at).toISOString(),
      state: state === "gone" ? ("expired" as const) : state,
      resumable: state !== "gone" && resumeWindowOpen(l, now),
    };
  });
}

/** Opens one of the patron's downloads (what GET …/file streams). */
export async function openPatronDownload(
  ctx: DomainContext,
  actor: Actor,
  requestId: number,
  downloadId: number,
  range: string | undefined,
) {
  const link = await findPatronLink(ctx.db, actor.institutionId, actor.userId, requestId, downloadId);
  if (!link) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.download });
  return openDownload(ctx, link, range);
}
