import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { useTestApp } from "../../test/harness.js";
import { seedDemo } from "../demo/seed-demo.js";

const t = useTestApp();

describe("readiness on the demo", () => {
  it("the demo passes every check", async () => {
    const demo = await seedDemo(t.ctx, { institutionCode: `DEMO_${randomBytes(3).toString("hex").toUpperCase()}` });
    const res = await client(t.app, demo.apiKey).get("/api/v1/readiness");
    expect(res.status).toBe(200);
    expect(res.body.ready).toBe(true);
  });
});
