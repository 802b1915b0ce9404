import type { FastifyBaseLogger } from "fastify";
import type { DomainContext } from "../context.js";

/** The domain's context (`src/context.ts`) as the server holds it: the same, with Fastify's logger. */
export interface AppContext extends DomainContext {
  log: FastifyBaseLogger;
}
