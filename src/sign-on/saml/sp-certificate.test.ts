import { X509Certificate } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { generateSpKeyPair } from "./sp-certificate.js";

/*
 * The serial is random: one draw in 256 begins with a zero byte followed by one below 0x80, which
 * DER forbids as padding; OpenSSL (and so Node, and most identity providers) then cannot read
 * the certificate at all. The draw is fixed here to that case.
 */
vi.mock("node:crypto", async (original) => {
  const crypto = await original<typeof import("node:crypto")>();
  return { ...crypto, randomBytes: (size: number) => Buffer.alloc(size, 0x01).fill(0x00, 0, 1) };
});

describe("Recto's SAML certificate", () => {
  it("is readable X.509 whatever serial was drawn, signed by its own key", async () => {
    const pair = await generateSpKeyPair("Recto SAML service provider campus", new Date("2026-03-02T09:00:00Z"));
    const certificate = new X509Certificate(pair.certificate);
    expect(certificate.subject).toBe("CN=Recto SAML service provider campus");
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(new Date(certificate.validTo).getUTCFullYear()).toBe(2046);
    expect(BigInt(`0x${certificate.serialNumber}`) > 0n).toBe(true);
  });
});
