import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import type { S3Settings } from "./files/s3-storage.js";

/** Runtime configuration, read once from the environment and validated at start. */
export interface Config {
  port: number;
  host: string;
  database: { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };
  filesDir: string;
  /** scanned files in an S3-compatible bucket instead of filesDir (STORAGE=s3) */
  s3: S3Settings | null;
  publicUrl: string;
  maxUploadBytes: number;
  sessionTtlHours: number;
  logLevel: string;
  /** SMTP server for letters (smtp:// or smtps:// URL); null writes each letter as an .eml file under mailDir */
  smtpUrl: string | null;
  /** connect, greeting and inactivity limit of every SMTP conversation (SMTP_TIMEOUT_SECS) */
  smtpTimeoutMs: number;
  /** SMTP connections the worker keeps open and sends letters over at once (SMTP_POOL_SIZE) */
  smtpPoolSize: number;
  /** the From address of letters */
  mailFrom: string;
  /** where letters are written when no SMTP server is configured */
  mailDir: string;
  /** a file larger than this goes out as a link instead of an attachment */
  maxEmailBytes: number;
  /** secret from which link tokens are derived (so a resent letter carries the same link); never stored in the database */
  linkSecret: string | null;
  /**
   * the key that encrypts the secrets stored in the database (SAML private keys, OpenID client
   * secrets): SECRETS_KEY or the file SECRETS_KEY_FILE names; null: a key generated and kept in
   * the file `secrets-key` beside FILES_DIR (src/secrets/secrets-key.ts)
   */
  secretsKey: { key: Buffer; setting: "SECRETS_KEY" | "SECRETS_KEY_FILE" } | null;
  /** run the background jobs inside the server process; off when a separate `recto worker` runs them */
  workerInProcess: boolean;
  /** proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; empty: the client is the socket's peer */
  trustedProxies: string[];
  /** failed sign-ins from one client address in 15 minutes before it is refused for a while; 0 turns the limit off */
  loginFailuresPerAddress: number;
  /** letter templates render in worker threads: how many, and each render's time and memory limits */
  letterRender: LetterRenderLimits;
  /** the institution the web pages at / serve when the server has several (DEFAULT_INSTITUTION); null: the only one */
  defaultInstitution: string | null;
  /**
   * how far V8 lets the JavaScript heap grow past what the last full collection kept, in percent
   * (HEAP_GROWTH_PERCENT); 0 leaves it to V8, which lets it grow to four times that under load
   */
  heapGrowthPercent: number;
}

export interface LetterRenderLimits {
  workers: number;
  timeoutMs: number;
  memoryMb: number;
}

/** An IPv4 or IPv6 address, optionally with a /prefix length that fits it. */
function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const envSchema = z
  .object({
    PORT: z.coerce
      .number({ message: "PORT must be a number" })
      .int("PORT must be a whole number")
      .min(1, "PORT must be between 1 and 65535")
      .max(65535, "PORT must be between 1 and 65535")
      .default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z.string().min(1, "DATABASE_URL must not be empty").default("./data/recto.db"),
    FILES_DIR: z.string().min(1, "FILES_DIR must not be empty").default("./data/files"),
    PUBLIC_URL: z
      .string()
      .url("PUBLIC_URL must be an absolute http(s) URL, e.g. https://recto.example.edu")
      .refine((u) => /^https?:\/\//.test(u), "PUBLIC_URL must start with http:// or https://")
      .optional(),
    MAX_UPLOAD_MB: z.coerce
      .number({ message: "MAX_UPLOAD_MB must be a number" })
      .positive("MAX_UPLOAD_MB must be greater than 0")
      .default(200),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
      .optional(),
    SMTP_TIMEOUT_SECS: z.coerce
      .number({ message: "SMTP_TIMEOUT_SECS must be a number" })
      .min(1, "SMTP_TIMEOUT_SECS must be between 1 and 120")
      .max(120, "SMTP_TIMEOUT_SECS must be between 1 and 120")
      .default(10),
    SMTP_POOL_SIZE: z.coerce
      .number({ message: "SMTP_POOL_SIZE must be a number" })
      .int("SMTP_POOL_SIZE must be a whole number")
      .min(1, "SMTP_POOL_SIZE must be between 1 and 32")
      .max(32, "SMTP_POOL_SIZE must be between 1 and 32")
      .default(4),
    MAIL_FROM: z.string().min(3, "MAIL_FROM must be an email address").default("Recto <recto@localhost>"),
    MAIL_DIR: z.string().min(1, "MAIL_DIR must not be empty").optional(),
    MAX_EMAIL_MB: z.coerce
      .number({ message: "MAX_EMAIL_MB must be a number" })
      .positive("MAX_EMAIL_MB must be greater than 0")
      .default(10),
    LINK_SECRET: z.string().min(32, "LINK_SECRET must be at least 32 characters").optional(),
    SECRETS_KEY: z.string().optional(),
    SECRETS_KEY_FILE: z.string().min(1, "SECRETS_KEY_FILE must not be empty").optional(),
    STORAGE: z.enum(["local", "s3"], { message: "STORAGE must be 'local' or 's3'" }).default("local"),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ENDPOINT: z.string().url("S3_ENDPOINT must be a URL, e.g. http://minio:9000").optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_PREFIX: z
      .string()
      .regex(/^([A-Za-z0-9_.-]+\/)*$/, "S3_PREFIX must be empty or folder names each ending in '/'")
      .default(""),
    SESSION_TTL_HOURS: z.coerce
      .number({ message: "SESSION_TTL_HOURS must be a number" })
      .positive("SESSION_TTL_HOURS must be greater than 0")
      .default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    WORKER: z
      .enum(["on", "off"], { message: "WORKER must be 'on' (run jobs in the server) or 'off' (run `recto worker`)" })
      .default("on"),
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((p) => p.trim())
          .filter((p) => p.length > 0),
      )
      .superRefine((list, ctx) => {
        const bad = list.filter((p) => !isAddressOrCidr(p));
        if (bad.length > 0) {
          ctx.addIssue({
            code: "custom",
            message: `TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.1,192.168.0.0/16 (not ${bad.join(", ")})`,
          });
        }
      }),
    LOGIN_IP_LIMIT: z.coerce
      .number({ message: "LOGIN_IP_LIMIT must be a number" })
      .int("LOGIN_IP_LIMIT must be a whole number")
      .min(0, "LOGIN_IP_LIMIT must be 0 (no limit) or more")
      .default(30),
    LETTER_THREADS: z.coerce
      .number({ message: "LETTER_THREADS must be a number" })
      .int("LETTER_THREADS must be a whole number")
      .min(1, "LETTER_THREADS must be between 1 and 16")
      .max(16, "LETTER_THREADS must be between 1 and 16")
      .default(2),
    LETTER_TIMEOUT_MS: z.coerce
      .number({ message: "LETTER_TIMEOUT_MS must be a number" })
      .int("LETTER_TIMEOUT_MS must be a whole number")
      .min(100, "LETTER_TIMEOUT_MS must be between 100 and 60000")
      .max(60_000, "LETTER_TIMEOUT_MS must be between 100 and 60000")
      .default(2000),
    LETTER_MEMORY_MB: z.coerce
      .number({ message: "LETTER_MEMORY_MB must be a number" })
      .int("LETTER_MEMORY_MB must be a whole number")
      .min(16, "LETTER_MEMORY_MB must be between 16 and 1024")
      .max(1024, "LETTER_MEMORY_MB must be between 16 and 1024")
      .default(64),
    HEAP_GROWTH_PERCENT: z.coerce
      .number({ message: "HEAP_GROWTH_PERCENT must be a number" })
      .int("HEAP_GROWTH_PERCENT must be a whole number")
      .min(0, "HEAP_GROWTH_PERCENT must be 0 (V8 decides) or between 10 and 300")
      .max(300, "HEAP_GROWTH_PERCENT must be 0 (V8 decides) or between 10 and 300")
      .refine((v) => v === 0 || v >= 10, "HEAP_GROWTH_PERCENT must be 0 (V8 decides) or between 10 and 300")
      .default(50),
    DEFAULT_INSTITUTION: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,50}$/, "DEFAULT_INSTITUTION must be an institution code, e.g. MAIN")
      .optional(),
  })
  .refine((e) => e.STORAGE !== "s3" || !!e.S3_BUCKET, {
    message: "S3_BUCKET is required when STORAGE=s3",
    path: ["S3_BUCKET"],
  });

/** The 32 bytes a key's text (base64, surrounding space ignored) stands for, or why not. */
export function secretsKeyFromText(text: string): Buffer | string {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    return "must be 32 random bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`";
  }
  const key = Buffer.from(trimmed, "base64");
  return key.length === 32
    ? key
    : `must be 32 bytes in base64 (44 characters), not ${key.length} bytes; make one with \`openssl rand -base64 32\``;
}

/** SECRETS_KEY or SECRETS_KEY_FILE (never both) as a key, or the problem said with the variable's name. */
function readSecretsKey(e: { SECRETS_KEY?: string; SECRETS_KEY_FILE?: string }): Config["secretsKey"] | string {
  if (e.SECRETS_KEY !== undefined && e.SECRETS_KEY_FILE !== undefined) {
    return "SECRETS_KEY: set SECRETS_KEY or SECRETS_KEY_FILE, not both";
  }
  if (e.SECRETS_KEY !== undefined) {
    const key = secretsKeyFromText(e.SECRETS_KEY);
    return typeof key === "string" ? `SECRETS_KEY: SECRETS_KEY ${key}` : { key, setting: "SECRETS_KEY" };
  }
  if (e.SECRETS_KEY_FILE === undefined) return null;
  let text: string;
  try {
    text = fs.readFileSync(e.SECRETS_KEY_FILE, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? "unreadable";
    return `SECRETS_KEY_FILE: the file ${e.SECRETS_KEY_FILE} cannot be read (${why})`;
  }
  const key = secretsKeyFromText(text);
  return typeof key === "string"
    ? `SECRETS_KEY_FILE: the file ${e.SECRETS_KEY_FILE} ${key}`
    : { key, setting: "SECRETS_KEY_FILE" };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // One line per variable: the first problem is the one to fix.
    const byVariable = new Map<string, string>();
    for (const i of parsed.error.issues) {
      const name = i.path.join(".");
      if (!byVariable.has(name)) byVariable.set(name, `${name}: ${i.message}`);
    }
    throw new ConfigError([...byVariable.values()]);
  }
  const e = parsed.data;
  const secretsKey = readSecretsKey(e);
  if (typeof secretsKey === "string") throw new ConfigError([secretsKey]);
  const isPostgres = /^postgres(ql)?:\/\//.test(e.DATABASE_URL);
  return {
    port: e.PORT,
    host: e.HOST,
    database: isPostgres
      ? { dialect: "postgres", url: e.DATABASE_URL }
      : { dialect: "sqlite", file: e.DATABASE_URL === ":memory:" ? ":memory:" : path.resolve(e.DATABASE_URL) },
    filesDir: path.resolve(e.FILES_DIR),
    s3:
      e.STORAGE === "s3"
        ? {
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT ?? null,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null,
            prefix: e.S3_PREFIX,
          }
        : null,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    smtpUrl: e.SMTP_URL ?? null,
    smtpTimeoutMs: Math.round(e.SMTP_TIMEOUT_SECS * 1000),
    smtpPoolSize: e.SMTP_POOL_SIZE,
    mailFrom: e.MAIL_FROM,
    // Beside the files folder by default, so a test's (or the demo's) data folder holds both.
    mailDir: path.resolve(e.MAIL_DIR ?? path.join(path.dirname(path.resolve(e.FILES_DIR)), "mail")),
    maxEmailBytes: Math.round(e.MAX_EMAIL_MB * 1024 * 1024),
    linkSecret: e.LINK_SECRET ?? null,
    secretsKey,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    workerInProcess: e.WORKER === "on",
    trustedProxies: e.TRUSTED_PROXIES,
    loginFailuresPerAddress: e.LOGIN_IP_LIMIT,
    letterRender: {
      workers: e.LETTER_THREADS,
      timeoutMs: e.LETTER_TIMEOUT_MS,
      memoryMb: e.LETTER_MEMORY_MB,
    },
    defaultInstitution: e.DEFAULT_INSTITUTION ?? null,
    heapGrowthPercent: e.HEAP_GROWTH_PERCENT,
  };
}
