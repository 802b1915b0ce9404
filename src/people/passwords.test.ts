import { parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords.js";

// Made by the earlier binding (the `argon2` package, 0.45.1, its defaults) before it was replaced:
// every password stored until then looks like this and must keep verifying.
const EARLIER_PASSWORD = "correct horse battery staple – ünïcode";
const EARLIER_HASH =
  "$argon2id$v=19$m=65536,p=4,t=3$1O8m6UNwaxMkHKD7ptZxmg$7a5I6n3AvhyXvzjgg8JQc0Kd5qkzRtvOD11YIsZGEEE";

// argon2id, version 0x13, 64 MiB, 3 passes, 4 lanes, 32-byte hash, 16-byte salt.
const EXPECTED_PARAMETERS = {
  algorithm: 2,
  version: 1,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
  outputLen: 32,
  saltLen: 16,
};

describe("password hashing", () => {
  it("verifies a hash made by the earlier argon2 binding, and refuses wrong passwords against it", async () => {
    expect(await verifyPassword(EARLIER_HASH, EARLIER_PASSWORD)).toBe(true);
    for (const wrong of [
      "wrong password",
      "",
      EARLIER_PASSWORD.toUpperCase(),
      `${EARLIER_PASSWORD} `,
      EARLIER_PASSWORD.slice(0, -1),
      EARLIER_PASSWORD.normalize("NFD"), // the same text, other bytes
    ]) {
      expect(await verifyPassword(EARLIER_HASH, wrong), JSON.stringify(wrong)).toBe(false);
    }
  });

  it("refuses a stored hash whose bytes were changed", async () => {
    const tampered = EARLIER_HASH.replace("$7a5I", "$8a5I");
    expect(tampered).not.toBe(EARLIER_HASH);
    expect(await verifyPassword(tampered, EARLIER_PASSWORD)).toBe(false);
  });

  it("makes argon2id PHC strings at the earlier binding's cost, salted anew each time", async () => {
    const a = await hashPassword(EARLIER_PASSWORD);
    const b = await hashPassword(EARLIER_PASSWORD);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parseOptions(a)).toEqual(EXPECTED_PARAMETERS);
    expect(parseOptions(EARLIER_HASH)).toEqual(EXPECTED_PARAMETERS);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, EARLIER_PASSWORD)).toBe(true);
    expect(await verifyPassword(b, EARLIER_PASSWORD)).toBe(true);
    expect(await verifyPassword(a, "wrong password")).toBe(false);
  });

  it("checks unknown users against a dummy hash that costs what a real one costs", async () => {
    const dummy = await dummyPasswordHash();
    expect(parseOptions(dummy)).toEqual(EXPECTED_PARAMETERS);
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword(dummy, EARLIER_PASSWORD)).toBe(false);
  });
});
