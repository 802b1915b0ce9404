import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { restartArguments, SEMI_SPACE_MB } from "../bin/young-generation.mjs";

// `recto serve` and `recto worker` start themselves again with a small young generation where
// Node can (process.execve: Node 22.15 and later, so CI's Node 22 and 24 legs run the restart).
const base = { execPath: "/usr/bin/node", execArgv: [] as string[], env: {} as Record<string, string> };
const flag = `--max-semi-space-size=${SEMI_SPACE_MB}`;

describe("when recto starts itself again with a small young generation", () => {
  it("restarts serve and worker with the size first and every argument kept, in order", () => {
    expect(
      restartArguments({
        ...base,
        execArgv: ["--enable-source-maps"],
        argv: ["/usr/bin/node", "/r/bin/recto.mjs", "serve", "--demo"],
      }),
    ).toEqual(["/usr/bin/node", flag, "--enable-source-maps", "/r/bin/recto.mjs", "serve", "--demo"]);
    expect(restartArguments({ ...base, argv: ["/usr/bin/node", "/r/bin/recto.mjs", "worker", "--once"] })).toEqual([
      "/usr/bin/node",
      flag,
      "/r/bin/recto.mjs",
      "worker",
      "--once",
    ]);
  });

  it("leaves the short commands, and no command at all, as they are", () => {
    for (const command of ["migrate", "import-marc", "check-config", "help", undefined]) {
      const argv = ["/usr/bin/node", "/r/bin/recto.mjs", ...(command ? [command] : [])];
      expect([command, restartArguments({ ...base, argv })]).toEqual([command, null]);
    }
  });

  it("keeps a size the site chose, on node's command line or in NODE_OPTIONS, in either spelling", () => {
    const argv = ["/usr/bin/node", "/r/bin/recto.mjs", "serve"];
    expect(restartArguments({ ...base, argv, execArgv: ["--max-semi-space-size=32"] })).toBeNull();
    expect(restartArguments({ ...base, argv, env: { NODE_OPTIONS: "--max-semi-space-size=4" } })).toBeNull();
    expect(
      restartArguments({ ...base, argv, env: { NODE_OPTIONS: "--trace-warnings --max-semi-space-size 16" } }),
    ).toBeNull();
    // other flags are not that one
    expect(restartArguments({ ...base, argv, env: { NODE_OPTIONS: "--max-old-space-size=512" } })).toEqual([
      "/usr/bin/node",
      flag,
      "/r/bin/recto.mjs",
      "serve",
    ]);
  });
});

describe("the restart in a real process", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-young-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const helper = pathToFileURL(path.resolve("bin/young-generation.mjs")).href;
  // Restarts as `recto` does, then keeps 200,000 small objects alive at a time (garbage that
  // outlives a young collection, as requests in flight do) and reports how large the new space grew.
  const script = path.join(dir, "probe.mjs");
  fs.writeFileSync(
    script,
    `import v8 from "node:v8";
import { restartWithSmallYoungGeneration } from ${JSON.stringify(helper)};
restartWithSmallYoungGeneration();
let kept = [];
for (let i = 0; i < 3_000_000; i++) { kept.push({ i, s: "x" + i }); if (kept.length > 200_000) kept = []; }
const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
console.log(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, argv: process.argv.slice(2), newSpaceMb: newSpace / 2 ** 20 }));
`,
  );
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["--no-warnings", script, ...args], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    expect(r.status, r.stderr).toBe(0);
    return {
      ...(JSON.parse(r.stdout) as { pid: number; execArgv: string[]; argv: string[]; newSpaceMb: number }),
      spawned: r.pid,
    };
  };

  it("runs serve again in the same process with the size set where Node can (22.15 and later), else as it is", () => {
    if (!("execve" in process)) {
      const same = run("serve");
      expect(same.execArgv).toEqual(["--no-warnings"]);
      expect(same.argv).toEqual(["serve"]);
      return;
    }
    const restarted = run("serve", "--demo");
    expect(restarted.pid).toBe(restarted.spawned);
    expect(restarted.execArgv).toEqual([flag, "--no-warnings"]);
    expect(restarted.argv).toEqual(["serve", "--demo"]);
    // A new space is two semi-spaces; without the restart the same work grows it past that.
    expect(restarted.newSpaceMb).toBeLessThanOrEqual(2 * SEMI_SPACE_MB);
    const left = run("migrate");
    expect(left.execArgv).toEqual(["--no-warnings"]);
    expect(left.newSpaceMb).toBeGreaterThan(2 * SEMI_SPACE_MB);
  });
});
