// A letter-rendering worker thread (see render-pool.ts). Plain JavaScript importing only liquidjs,
// so it runs the same under tsx, vitest and plain node. It receives a template's parts and plain
// JSON data by message and answers with the rendered text or the part that failed and why.
import { parentPort, workerData } from "node:worker_threads";
import { Liquid } from "liquidjs";

const REFUSED_TAGS = ["include", "render", "layout"];

function refusing(name) {
  return {
    parse() {
      throw new Error(`the {% ${name} %} tag is not available in letters`);
    },
    render() {
      return "";
    },
  };
}

// The sandbox: no file system (an empty in-memory map, include/render/layout refused), only own
// properties of plain data, no unknown filters, and parse and memory limits inside LiquidJS; the
// render time limit is the job's own deadline (the pool also stops the thread past it).
function engine(escape) {
  const liquid = new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    jsTruthy: false,
    parseLimit: workerData.parseLimit,
    memoryLimit: workerData.memoryLimit,
    ...(escape ? { outputEscape: "escape" } : {}),
  });
  for (const name of REFUSED_TAGS) liquid.registerTag(name, refusing(name));
  return liquid;
}

const engines = { html: engine(true), text: engine(false) };

const firstLine = (err) => (err instanceof Error ? err.message.split("\n")[0] : String(err));

parentPort.on("message", async (job) => {
  const started = performance.now();
  const out = {};
  for (const part of job.parts) {
    parentPort.postMessage({ id: job.id, type: "part", field: part.field });
    const left = Math.max(1, job.timeoutMs - (performance.now() - started));
    try {
      out[part.field] = String(
        await engines[part.escape ? "html" : "text"].parseAndRender(part.source, job.data, { renderLimit: left }),
      );
    } catch (err) {
      parentPort.postMessage({ id: job.id, type: "problem", field: part.field, message: firstLine(err) });
      return;
    }
  }
  parentPort.postMessage({ id: job.id, type: "done", out });
});
