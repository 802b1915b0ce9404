import { runQueuedMarcImports } from "../catalogue/marc/import-jobs.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { sendOutboxLetter } from "../letters/send-letter.js";
import { processOutbox } from "../outbox/process-outbox.js";
import { runPrintJob } from "../printing/print-job.js";
import type { OutboxHandlers } from "../outbox/outbox.js";
import { expireOverdueRequests } from "../requests/expire-requests.js";
import { removeStoredFiles } from "../requests/stored-files.js";
import type { DomainContext } from "../context.js";
import type { Job } from "./scheduler.js";

/**
 * How each kind of outbox message is sent. A kind missing here is not claimed, so its messages
 * wait in the outbox (pending) until a handler is registered: nothing is lost meanwhile.
 */
export const outboxHandlers: OutboxHandlers = { letter: sendOutboxLetter, print: runPrintJob };

/** The jobs every worker runs: in-process with the server (unless WORKER=off) and `recto worker`. */
export function defaultJobs(ctx: DomainContext, handlers: OutboxHandlers = outboxHandlers): Job[] {
  return [
    {
      name: "outbox",
      intervalMs: 5_000,
      run: (now) => processOutbox(ctx, handlers, { now }),
    },
    {
      name: "expire-requests",
      intervalMs: 60_000,
      run: (now) => expireOverdueRequests(ctx.db, now, (keys) => removeStoredFiles(ctx, keys)),
    },
    {
      name: "marc-imports",
      intervalMs: 5_000,
      run: () => runQueuedMarcImports(ctx, fileStorageFromConfig(ctx.config)),
    },
  ];
}
