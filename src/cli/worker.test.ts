import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-cli-worker-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const recto = (args: string[]) =>
  spawnSync(process.execPath, [path.resolve("bin/recto.mjs"), ...args], {
    // RECTO_FROM_SOURCE: the sources under test, whatever dist/ holds
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: path.join(dir, "recto.db"),
      LOG_LEVEL: "silent",
      RECTO_FROM_SOURCE: "1",
    },
    encoding: "utf8",
    timeout: 60_000,
  });

// One end-to-end run through bin/recto.mjs; the scheduler and the jobs are tested directly elsewhere.
describe("recto worker", () => {
  it("--once runs every job once on the configured database and exits 0", () => {
    const r = recto(["worker", "--once"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^outbox: ok \{"claimed":0,/m);
  });
});
