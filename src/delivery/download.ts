import type { Readable } from "node:stream";
import type { AppContext } from "../server/context.js";
import { AppError } from "../errors.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { linkTokenHash, TOKEN_PATTERN } from "./link-tokens.js";
import { findLinkForDownload, takeView } from "./links-repository.js";

export interface Download {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
}

/** One "bytes=a-b", "bytes=a-" or "bytes=-n" range; anything else (several ranges, bad syntax) means the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "whole" | "unsatisfiable" {
  if (!header) return "whole";
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "whole";
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

const expired = () => new AppError("LINK_EXPIRED");

/** RFC 6266: a plain ASCII fallback and the exact UTF-8 name. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Opens a download by link. A request from the first byte (or without Range) counts one view,
 * atomically, and is refused once the views are used up; a Range starting later continues a
 * download already counted (a resumed transfer) and counts nothing, but needs a live link that
 * has been opened at least once.
 */
export async function openDownload(ctx: AppContext, token: string, rangeHeader: string | undefined): Promise<Download> {
  if (!TOKEN_PATTERN.test(token)) throw new AppError("LINK_NOT_FOUND");
  const link = await findLinkForDownload(ctx.db, linkTokenHash(token));
  if (!link) throw new AppError("LINK_NOT_FOUND");
  const nowIso = ctx.clock.now().toISOString();
  const expiresAt = new Date(link.expires_at).toISOString();
  if (link.revoked_at !== null || link.deleted_at !== null || expiresAt <= nowIso) throw expired();

  const range = parseRange(rangeHeader, link.size_bytes);
  if (range === "unsatisfiable") {
    throw new AppError("RANGE_NOT_SATISFIABLE", { details: { size_bytes: link.size_bytes } });
  }
  const continuation = range !== "whole" && range.start > 0;
  if (continuation) {
    if (link.views < 1) throw expired();
  } else if (!(await takeView(ctx.db, link.id, nowIso))) {
    throw expired();
  }

  const storage = fileStorageFromConfig(ctx.config);
  const headers: Record<string, string> = {
    "content-type": link.content_type,
    "content-disposition": disposition(link.file_name),
    // The file is the patron's: no shared cache may keep it.
    "cache-control": "private, no-store",
    "accept-ranges": "bytes",
    "x-content-type-options": "nosniff",
  };
  if (range === "whole") {
    headers["content-length"] = String(link.size_bytes);
    return { status: 200, headers, body: await storage.open(link.storage_key) };
  }
  headers["content-length"] = String(range.end - range.start + 1);
  headers["content-range"] = `bytes ${range.start}-${range.end}/${link.size_bytes}`;
  return { status: 206, headers, body: await storage.open(link.storage_key, range) };
}
