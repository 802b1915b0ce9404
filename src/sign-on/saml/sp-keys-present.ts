import { X509Certificate } from "node:crypto";
import type { z } from "zod";
import { mayAddSpKey, spKeyActions, type SpKeyList } from "./sp-key-rollover.js";
import type { spKeysAnswer } from "./sp-keys-schemas.js";

/** The JSON sp-keys-routes.ts answers: certificates and what may be done, never a private key. */
export function presentSpKeys(list: SpKeyList): z.infer<typeof spKeysAnswer> {
  return {
    sp_keys: list.keys.map((k) => ({
      id: k.id,
      status: k.status,
      certificate: k.certificate,
      fingerprint_sha256: new X509Certificate(k.certificate).fingerprint256,
      created_at: k.created_at,
      activated_at: k.activated_at,
      allowed_actions: spKeyActions(k),
    })),
    allowed_actions: mayAddSpKey(list.keys) ? ["add"] : [],
  };
}
