import { z } from "zod";

/** The zod schemas of the key rollover routes (sp-keys-routes.ts). */

export const spKeyParams = z.object({
  id: z.coerce.number().int().positive(),
  key_id: z.coerce.number().int().positive(),
});

export const spKeysAnswer = z.object({
  sp_keys: z.array(
    z.object({
      id: z.number(),
      status: z
        .enum(["active", "next", "previous"])
        .describe(
          "active: signs and decrypts; next: added, published in the metadata, not signing yet; previous: replaced, still published and decrypting until retired",
        ),
      certificate: z.string().describe("the self-signed certificate (PEM) published in the metadata"),
      fingerprint_sha256: z
        .string()
        .describe("the certificate's SHA-256 fingerprint, as the federation registry shows it"),
      created_at: z.string(),
      activated_at: z.string().nullable(),
      allowed_actions: z
        .array(z.enum(["activate", "retire"]))
        .describe("What the caller may do next; buttons should match"),
    }),
  ),
  allowed_actions: z
    .array(z.enum(["add"]))
    .describe("add: a new key pair may be added (not while the provider has two)"),
});
