import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { testDialect, useTestApp } from "../../test/harness.js";

// The largest packages the server uses only now and then are loaded when first needed, not at
// start: pdf-lib and bwip-js with the first PDF (a pick slip, a page count), the AWS SDK with the
// first file operation under STORAGE=s3, nodemailer with the first letter, node-saml and xmldom with the
// first SAML sign-in or metadata, the demo with --demo.
// Each is the real module here, noted when it is loaded.
const { loaded } = vi.hoisted(() => ({ loaded: [] as string[] }));
vi.mock("pdf-lib", async (original) => {
  loaded.push("pdf-lib");
  return original();
});
vi.mock("bwip-js", async (original) => {
  loaded.push("bwip-js");
  return original();
});
vi.mock("@aws-sdk/client-s3", async (original) => {
  loaded.push("@aws-sdk/client-s3");
  return original();
});
vi.mock("nodemailer", async (original) => {
  loaded.push("nodemailer");
  return original();
});
vi.mock("@node-saml/node-saml", async (original) => {
  loaded.push("@node-saml/node-saml");
  return original();
});
vi.mock("@xmldom/xmldom", async (original) => {
  loaded.push("@xmldom/xmldom");
  return original();
});
vi.mock("../demo/seed-demo.js", async (original) => {
  loaded.push("demo");
  return original();
});

const t = useTestApp();

describe("what the server loads at start", () => {
  it("builds the app, answers /health and loads the commands with no PDF, barcode, S3, mail, SAML or demo code", async () => {
    expect((await t.app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    await import("../cli/serve.js");
    await import("../cli/worker.js");
    expect(loaded).toEqual([]);
  });

  it("loads the PostgreSQL driver only for a PostgreSQL database", () => {
    const require = createRequire(import.meta.url);
    expect(require.cache[require.resolve("pg")] !== undefined).toBe(testDialect() === "postgres");
  });

  it("loads pdf-lib and bwip-js with the first pick slip", async () => {
    const { slipPdf } = await import("../printing/slip-pdf.js");
    const pdf = await slipPdf({
      requestId: 7,
      patronName: "A Patron",
      title: "A Title",
      author: null,
      barcode: "39000000001",
      callNumber: null,
      place: null,
      chapter: null,
      pages: "1-12",
      requestDate: "2026-03-02",
      text: "Pull it.",
    });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    expect(loaded.sort()).toEqual(["bwip-js", "pdf-lib"]);
  });
});
