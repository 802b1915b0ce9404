import type { Bindings, LogFn } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { Dialect } from "./db/dialect.js";
import type { Mailer } from "./letters/mailer.js";

/** The logger the domain writes to: pino's levels and `child`, nothing of the HTTP server. */
export interface DomainLog {
  level: string;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  child(bindings: Bindings): DomainLog;
}

/**
 * What use cases, jobs and seeds need from the outside world: the database, the clock, the
 * configuration and a logger. Built once by the server, the CLI, the worker or a test. It lives
 * below both the domain and the server, so the domain never imports `server/`; the server's
 * `AppContext` is this type with the HTTP server's logger.
 */
export interface DomainContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: DomainLog;
  /** the worker's pooled SMTP connections; absent, each letter opens its own connection */
  mailer?: Mailer;
}
