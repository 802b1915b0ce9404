import type { RoleCode, ScopeType } from "../db/schema.js";

export interface Grant {
  role: RoleCode;
  scopeType: ScopeType;
  /** library, desk or department id; null for institution scope */
  scopeId: number | null;
  /** for desk scope: the desk's library, so library-wide checks need no extra query */
  deskLibraryId: number | null;
}

/** Who is calling: resolved once per HTTP request by the auth plugin, or built by the CLI and jobs. */
export interface Actor {
  userId: number;
  institutionId: number;
  primaryId: string;
  grants: Grant[];
  via: "session" | "api_key" | "system";
  /** the browser session the caller came through (via "session") */
  sessionId?: number;
  /** the user's preferred language as stored (any tag), in which the web pages' messages are said */
  preferredLanguage?: string | null;
}
