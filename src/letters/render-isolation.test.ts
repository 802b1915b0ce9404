import diagnostics from "node:diagnostics_channel";
import { describe, expect, it } from "vitest";
import { admin, makeInstitution } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

// A generous deadline: this test is about what the main thread does meanwhile, not about limits.
const t = useTestApp({ letterRender: { workers: 2, timeoutMs: 60_000, memoryMb: 64 } });

// About a second of CPU per render here, far more than /health takes.
const heavy = "{% for i in (1..2000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}done";

/** Resolves when the first letter render begins. */
const firstRender = () =>
  new Promise<void>((resolve) => {
    const seen = () => {
      diagnostics.unsubscribe("recto:letters:render", seen);
      resolve();
    };
    diagnostics.subscribe("recto:letters:render", seen);
  });

describe("rendering letters off the main thread", () => {
  it("answers /health while four heavy previews are rendering, before any of them", async () => {
    const inst = await makeInstitution(t.ctx);
    const key = (await admin(t.ctx, inst)).apiKey;
    // Over a real socket: a request must wait for the event loop, as on the running server.
    const base = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const finished: string[] = [];
    const rendering = firstRender();
    const previews = [1, 2, 3, 4].map(async (n) => {
      const res = await fetch(`${base}/api/v1/letters/request_received/preview`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ template: { subject: `Heavy ${n}`, body_html: "<p>x</p>", body_text: heavy } }),
      });
      const body = (await res.json()) as { text?: string };
      finished.push(`preview ${n}`);
      return [res.status, body.text];
    });
    await rendering;
    const health = fetch(`${base}/health`).then(async (res) => {
      const body = (await res.json()) as { status: string };
      finished.push("health");
      return body.status;
    });
    const [healthStatus, ...rendered] = await Promise.all([health, ...previews]);
    expect(finished).toHaveLength(5);
    expect(finished[0]).toBe("health");
    expect(healthStatus).toBe("ok");
    expect(rendered).toEqual([
      [200, "done"],
      [200, "done"],
      [200, "done"],
      [200, "done"],
    ]);
  });
});
