import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { Dialect } from "../db/dialect.js";
import type { Mailer } from "../letters/mailer.js";

/** What use cases need from the outside world; built once by the server, the CLI or a test. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: FastifyBaseLogger;
  /** the worker's pooled SMTP connections; absent, each letter opens its own connection */
  mailer?: Mailer;
}
