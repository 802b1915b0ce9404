import { SamlRefusal } from "./check-saml-response.js";
import type { SpKeyPair } from "./sp-certificate.js";

/**
 * Recto's private key decrypts what the provider encrypts to the metadata's certificate: an
 * EncryptedAssertion (Shibboleth encrypts to the metadata's key), the EncryptedID of a
 * LogoutRequest. During a key rollover the metadata names two keys and the provider may encrypt
 * to either, so a message that does not decrypt with the active key is tried with the other, in
 * the key ring's order (spKeyRingOf: the active key first); any other refusal is the message's,
 * whatever the key.
 */
export async function checkWithEachKey<C, T>(
  keys: [SpKeyPair, ...SpKeyPair[]],
  clientFor: (key: SpKeyPair) => Promise<C>,
  check: (client: C) => Promise<T>,
): Promise<T> {
  const [key, ...others] = keys;
  try {
    return await check(await clientFor(key));
  } catch (err) {
    const [next, ...rest] = others;
    if (!next || !(err instanceof SamlRefusal) || err.reason !== "undecryptable") throw err;
    return checkWithEachKey([next, ...rest], clientFor, check);
  }
}
