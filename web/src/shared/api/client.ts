import createClient, { type Middleware } from "openapi-fetch";
import { SESSION_EXPIRED } from "../preserved-form";
import type { paths } from "./schema";

/**
 * The API client: openapi-fetch over the types generated from /api/openapi.json
 * (scripts/openapi.ts), so no API type is written twice. The session cookie travels by itself;
 * every write also carries the CSRF token that signing in returned.
 */
const CSRF_KEY = "recto.csrf";

export function setCsrfToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(CSRF_KEY);
    else sessionStorage.setItem(CSRF_KEY, token);
  } catch {
    memoryToken = token;
  }
  memoryToken = token;
}

let memoryToken: string | null = null;
/** The token a write carries; exported for the few writes that cannot go through `api` (an upload with progress). */
export function csrfToken(): string | null {
  try {
    return sessionStorage.getItem(CSRF_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const csrf: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (!SAFE.has(request.method) && token) request.headers.set("x-csrf-token", token);
    return request;
  },
};

/**
 * Every call says the language the page is shown in, so the server's messages (a refusal next
 * to a field, an error) read like the page around them. Until the pages have chosen one, the
 * browser's own Accept-Language goes.
 */
let pageLanguage: string | null = null;
export function setRequestLanguage(language: string): void {
  pageLanguage = language;
}
const language: Middleware = {
  onRequest({ request }) {
    if (pageLanguage) request.headers.set("accept-language", pageLanguage);
    return request;
  },
};

/**
 * A 401 from anything but signing in means the session ended (expired, or signed out elsewhere):
 * announced once per answer, so the forms keep what was typed and the app asks to sign in again
 * (shared/preserved-form.ts). "Who am I" asking while signed out is not an ended session.
 */
const sessionWatch: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.startsWith("/api/v1/auth/")) {
      window.dispatchEvent(new Event(SESSION_EXPIRED));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin, credentials: "same-origin" });
api.use(csrf);
api.use(language);
api.use(sessionWatch);

export interface FieldProblem {
  field: string;
  message: string;
}

/** An answer other than 2xx: its status and the error catalogue's code (src/errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The data of a call, or an ApiError (a network failure stays a TypeError). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { code?: string; message?: string; fields?: FieldProblem[] };
  throw new ApiError(response.status, body.code ?? "UNKNOWN", body.message ?? response.statusText, body.fields ?? []);
}
