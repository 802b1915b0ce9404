import fs from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

// What Recto claims to run on: its `engines` floor and every Node version CI runs the suite on.
const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as { engines: { node: string } };
const floor = semver.minVersion(manifest.engines.node)!.version;
const ciVersions = fs
  .readFileSync(".ci/node-versions", "utf8")
  .split("\n")
  .filter((line) => /^\d/.test(line))
  .map((line) => line.split(/\s+/)[0]!);
const supported = [floor, ...ciVersions];

// Every package the install writes, with the Node versions it says it runs on.
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const installed = Object.entries(lock.packages)
  .filter(([where]) => where !== "")
  .map(([where, p]) => ({
    name: `${where.replace(/^.*node_modules\//, "")}@${p.version}`,
    node: Array.isArray(p.engines) ? undefined : p.engines?.node,
  }));

describe("Node versions", () => {
  it("names 20.19 as the floor and runs CI on Node 22 and 24 as well", () => {
    expect(floor).toBe("20.19.0");
    expect(ciVersions.map((v) => semver.major(v))).toEqual([22, 24]);
    for (const v of supported) expect(semver.satisfies(v, manifest.engines.node), v).toBe(true);
  });

  it.each(supported)("installs only packages that support Node %s (no EBADENGINE warning)", (version) => {
    const refusing = installed
      .filter((p) => p.node && !semver.satisfies(version, p.node, { includePrerelease: true }))
      .map((p) => `${p.name} wants node ${p.node}`);
    expect(refusing).toEqual([]);
    expect(installed.length).toBeGreaterThan(100);
  });
});
