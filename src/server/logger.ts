import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

/*
 * Recto's logger: JSON lines (pino) that never carry a secret. Four layers, because a secret can
 * reach a log line in four ways:
 *  - the request line's URL: query values named like credentials and the token in a download
 *    link's path are replaced (requestSerializer);
 *  - headers or bodies someone logs as objects: pino's `redact` paths (authorization, cookies,
 *    CSRF token, set-cookie, passwords, tokens);
 *  - error messages and stacks (a driver error quoting a connection URL, a warning quoting the
 *    raw URL): the err serializer scrubs their text;
 *  - message strings: the logMethod hook scrubs them the same way.
 */

const REDACTED = "[REDACTED]";

/** Query parameters whose values are credentials (matched whatever their case). */
const SECRET_PARAMS = [
  "apikey",
  "api_key",
  "api-key",
  "key",
  "access_token",
  "token",
  "auth",
  "authorization",
  "password",
  "secret",
  "session",
  "recto_session",
  "csrf_token",
  "x-csrf-token",
  "signature",
  "x-amz-signature",
  "x-amz-credential",
  // sign-on: an OpenID authorization code and state, an ID token, a SAML message in a URL
  "code",
  "state",
  "id_token",
  "samlresponse",
  "samlrequest",
];
const SECRET_PARAM_SET = new Set(SECRET_PARAMS);

/** `/downloads/<token>`: the token is the whole credential of a download link. */
const DOWNLOAD_PATH = /(\/downloads\/)[^/?#\s"'<>]+/g;
/** `name=value` for a credential-like name, anywhere in a text (URLs, messages, connection strings). */
const SECRET_ASSIGNMENT = new RegExp(
  `(^|[^A-Za-z0-9_-])(${SECRET_PARAMS.map((p) => p.replace(/[-_]/g, "[-_]")).join("|")})(=|%3D)[^&\\s"',;)<>]+`,
  "gi",
);
/** `Bearer <key>` / `apikey <key>` as in an Authorization header quoted in a message. */
const AUTH_SCHEME = /\b(bearer|apikey)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
/** Recto's API keys have a recognisable prefix: catch them wherever else they turn up. */
const API_KEY = /\brk_[A-Za-z0-9_-]{20,}/g;
/** The password in `scheme://user:password@host` (database and SMTP URLs). */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi;

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " ")).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/**
 * The URL as it may be logged: credential query values, download tokens and Recto API keys become
 * [REDACTED]. Keys go by their prefix too: a client that sends one under a name Recto does not
 * know (and so refuses) has still written a live key into the URL.
 */
export function redactUrl(url: string): string {
  return redactNamedSecrets(url).replace(API_KEY, REDACTED);
}

function redactNamedSecrets(url: string): string {
  const q = url.indexOf("?");
  const path = (q === -1 ? url : url.slice(0, q)).replace(DOWNLOAD_PATH, `$1${REDACTED}`);
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return eq !== -1 && SECRET_PARAM_SET.has(decodeName(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
  return `${path}?${query}`;
}

/** Free text (a message, an error's message or stack) with every recognisable secret replaced. */
export function scrubText(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(SECRET_ASSIGNMENT, `$1$2$3${REDACTED}`)
    .replace(AUTH_SCHEME, `$1$2${REDACTED}`)
    .replace(API_KEY, REDACTED)
    .replace(DOWNLOAD_PATH, `$1${REDACTED}`);
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** What the request line shows: Fastify's own fields, with the URL redacted. Headers are never logged. */
function requestSerializer(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: typeof req.url === "string" ? redactUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function errorSerializer(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (!out || typeof out !== "object") return out;
  const scrubbed = { ...(out as Record<string, unknown>) };
  for (const [k, v] of Object.entries(scrubbed)) if (typeof v === "string") scrubbed[k] = scrubText(v);
  return scrubbed;
}

/** Paths pino replaces with [REDACTED] whenever an object logged has them. */
const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["x-csrf-token"]',
  'headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["x-csrf-token"]',
  '*.headers["set-cookie"]',
  "password",
  "*.password",
  "csrf_token",
  "*.csrf_token",
  "apikey",
  "*.apikey",
  "token",
  "*.token",
];

function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { req: requestSerializer, err: errorSerializer },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a: unknown) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>;
        method.apply(this, clean);
      },
    },
  };
}

/** The logger of the server (and of tests, with a destination that keeps the lines). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
