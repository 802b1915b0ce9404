import type { Readable } from "node:stream";
import type { DomainContext } from "../context.js";
import { AppError } from "../errors.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { linkTokenHash, TOKEN_PATTERN } from "./link-tokens.js";
import { findLinkForDownload, takeView, type LinkForDownload } from "./links-repository.js";

/*
 * What a link view is (docs/links.md): one download of the file, started by a GET of the file
 * from byte 0 (no Range, or a Range starting at 0). Starting it counts one view, atomically, and
 * opens a resume window of RESUME_WINDOW_MINUTES from that moment: within it, and only while the
 * link is alive (not expired, revoked, or its file deleted), GETs with a Range starting later
 * continue that view and count nothing, in parallel too. Outside it, a Range starting later is
 * refused. Looking at the link's page, or HEAD anywhere, counts nothing and opens nothing.
 */
export const RESUME_WINDOW_MINUTES = 30;

interface Download {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
}

/** One "bytes=a-b", "bytes=a-" or "bytes=-n" range; anything else (several ranges, bad syntax) means the whole file. */
function parseRange(
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

/** RFC 6266: a plain ASCII fallback and the exact UTF-8 name. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The link a token names, or undefined (a malformed token is never looked up). */
export async function findLink(ctx: DomainContext, token: string): Promise<LinkForDownload | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  return findLinkForDownload(ctx.db, linkTokenHash(token));
}

/** gone: expired, revoked or its file deleted; used_up: no view left to start; else available. */
export function linkState(link: LinkForDownload, now: Date): "gone" | "used_up" | "available" {
  if (link.revoked_at !== null || link.deleted_at !== null) return "gone";
  if (new Date(link.expires_at).getTime() <= now.getTime()) return "gone";
  return link.views >= link.max_views ? "used_up" : "available";
}

/** Whether the view started last may still be resumed by a byte range (the window never slides). */
export function resumeWindowOpen(link: Pick<LinkForDownload, "view_started_at">, now: Date): boolean {
  if (link.view_started_at === null) return false;
  return now.getTime() < new Date(link.view_started_at).getTime() + RESUME_WINDOW_MINUTES * 60_000;
}

export function fileHeaders(link: LinkForDownload): Record<string, string> {
  return {
    "content-type": link.content_type,
    "content-disposition": disposition(link.file_name),
    // The file is the patron's: no shared cache may keep it.
    "cache-control": "private, no-store",
    "accept-ranges": "bytes",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}

/**
 * Opens a download by link. A GET from the first byte (or without Range) starts a view: counted
 * atomically, refused once the views are used up. A Range starting later continues the current
 * view, counting nothing, only within its resume window and while the link is alive; otherwise
 * LINK_RESUME_CLOSED (views left) or LINK_EXPIRED.
 */
export async function openDownload(
  ctx: DomainContext,
  link: LinkForDownload,
  rangeHeader: string | undefined,
): Promise<Download> {
  const now = ctx.clock.now();
  const state = linkState(link, now);
  if (state === "gone") throw new AppError("LINK_EXPIRED");

  const range = parseRange(rangeHeader, link.size_bytes);
  if (range === "unsatisfiable") {
    throw new AppError("RANGE_NOT_SATISFIABLE", { details: { size_bytes: link.size_bytes } });
  }
  const continuation = range !== "whole" && range.start > 0;
  if (continuation) {
    if (!resumeWindowOpen(link, now)) throw new AppError(state === "used_up" ? "LINK_EXPIRED" : "LINK_RESUME_CLOSED");
  } else if (!(await takeView(ctx.db, link.id, now.toISOString()))) {
    throw new AppError("LINK_EXPIRED");
  }

  const storage = fileStorageFromConfig(ctx.config);
  const headers = fileHeaders(link);
  if (range === "whole") {
    headers["content-length"] = String(link.size_bytes);
    return { status: 200, headers, body: await storage.open(link.storage_key) };
  }
  headers["content-length"] = String(range.end - range.start + 1);
  headers["content-range"] = `bytes ${range.start}-${range.end}/${link.size_bytes}`;
  return { status: 206, headers, body: await storage.open(link.storage_key, range) };
}
