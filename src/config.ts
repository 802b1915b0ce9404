import path from "node:path";
import { z } from "zod";

/** Runtime configuration, read once from the environment and validated at start. */
export interface Config {
  port: number;
  host: string;
  database: { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };
  filesDir: string;
  publicUrl: string;
  maxUploadBytes: number;
  sessionTtlHours: number;
  logLevel: string;
  /** run the background jobs inside the server process; off when a separate `recto worker` runs them */
  workerInProcess: boolean;
}

const envSchema = z.object({
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
  SESSION_TTL_HOURS: z.coerce
    .number({ message: "SESSION_TTL_HOURS must be a number" })
    .positive("SESSION_TTL_HOURS must be greater than 0")
    .default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WORKER: z
    .enum(["on", "off"], { message: "WORKER must be 'on' (run jobs in the server) or 'off' (run `recto worker`)" })
    .default("on"),
});

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
  const isPostgres = /^postgres(ql)?:\/\//.test(e.DATABASE_URL);
  return {
    port: e.PORT,
    host: e.HOST,
    database: isPostgres
      ? { dialect: "postgres", url: e.DATABASE_URL }
      : { dialect: "sqlite", file: e.DATABASE_URL === ":memory:" ? ":memory:" : path.resolve(e.DATABASE_URL) },
    filesDir: path.resolve(e.FILES_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    workerInProcess: e.WORKER === "on",
  };
}
