import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { secretBoxOf } from "../shared/secret-box.js";
import { secretsKeyOf } from "./secrets-key.js";

afterEach(() => vi.restoreAllMocks());

describe("the generated secrets key", () => {
  it("is read whole by a process that starts while another is making it: both use the other's key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-key-race-"));
    const config = { secretsKey: null, filesDir: path.join(dir, "files") };
    const file = path.join(dir, "secrets-key");
    const theirs = randomBytes(32);
    // The other process creates the key file at the moment this one does. What this one then
    // finds at the path is what the other's way of creating it shows at that moment: a file
    // opened for writing is there, still empty; a file linked into place is there whole.
    const write = fs.writeFileSync.bind(fs);
    const otherProcess = (whole: boolean) => write(file, whole ? `${theirs.toString("base64")}\n` : "");
    vi.spyOn(fs, "writeFileSync").mockImplementation((target, ...rest) => {
      if (target === file && !fs.existsSync(file)) otherProcess(false);
      return write(target, ...rest);
    });
    const link = fs.linkSync.bind(fs);
    vi.spyOn(fs, "linkSync").mockImplementation((from, to) => {
      if (to === file && !fs.existsSync(file)) otherProcess(true);
      return link(from, to);
    });
    try {
      expect(secretsKeyOf(config).box.keyId).toBe(secretBoxOf(theirs).keyId);
      // Nothing of this process's attempt is left beside it.
      expect(fs.readdirSync(dir)).toEqual(["secrets-key"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is made once, readable by its owner only, and the same for the next process", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-key-"));
    try {
      const config = { secretsKey: null, filesDir: path.join(dir, "files") };
      const { box } = secretsKeyOf(config);
      const file = path.join(dir, "secrets-key");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(secretBoxOf(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64")).keyId).toBe(box.keyId);
      expect(fs.readdirSync(dir).sort()).toEqual(["secrets-key"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
