import { runQueuedMarcImports } from "../catalogue/marc/import-jobs.js";
import { fileStorageFromConfig } from "../files/file-storage.js";
import { createMailer } from "../letters/mailer.js";
import { sendOutboxLetter } from "../letters/send-letter.js";
import { processOutbox } from "../outbox/process-outbox.js";
import { runPrintJob } from "../printing/print-job.js";
import type { OutboxHandlers } from "../outbox/outbox.js";
import { expireOverdueRequests } from "../requests/expire-requests.js";
import { removeStoredFiles } from "../requests/stored-files.js";
import type { DomainContext as AppContext } from "../context.js";
import type { Job } from "./scheduler.js";

/**
 * How each kind of outbox message is sent. A kind missing here is not claimed, so its messages
 * wait in the outbox (pending) until a handler is registered: nothing is lost meanwhile.
 */
const outboxHandlers: OutboxHandlers = { letter: sendOutboxLetter, print: runPrintJob };

/**
 * The jobs every worker runs: in-process with the server (unless WORKER=off) and `recto worker`.
 * The outbox job sends over one pool of SMTP connections kept for the worker's life and closed
 * when it stops. Each run drains what is due (reading the clock as it goes), so the interval is
 * only how soon new rows are noticed.
 */
export function defaultJobs(ctx: AppContext, handlers: OutboxHandlers = outboxHandlers): Job[] {
  const mailer = createMailer();
  const outboxCtx: AppContext = { ...ctx, mailer };
  return [
    {
      name: "outbox",
      intervalMs: 2_000,
      run: (_now, signal) => processOutbox(outboxCtx, handlers, { signal }),
      close: () => mailer.close(),
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
