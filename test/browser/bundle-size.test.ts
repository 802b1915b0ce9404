import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_WEB_DIR } from "../../src/server/web-plugin.js";

/** The patron pages' initial JavaScript, compressed, stays under 150 KB (a phone on a slow network). */
const BUDGET_BYTES = 150 * 1024;

describe("the patron app's weight", () => {
  it("loads under 150 KB of compressed JavaScript on its first page", () => {
    const index = path.join(DEFAULT_WEB_DIR, "index.html");
    if (!fs.existsSync(index)) throw new Error(`The web pages are not built (${index}): run npm run build:web.`);
    const html = fs.readFileSync(index, "utf8");
    // The entry script and the chunks it preloads: everything the first page runs.
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((s) => gzipSync(fs.readFileSync(path.join(DEFAULT_WEB_DIR, s)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(BUDGET_BYTES);
  });
});
