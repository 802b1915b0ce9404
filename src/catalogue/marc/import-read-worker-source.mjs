// The MARC reading thread run from source (development, tests): tsx compiles its TypeScript, as
// bin/recto.mjs does for the main thread, since a worker does not inherit that thread's loader.
// A build runs dist/catalogue/marc/import-read-worker.js directly instead.
import { register } from "tsx/esm/api";

register();
await import("./import-read-worker.ts");
