import { defaultReturnPath, isSameSitePath } from "../return-path.js";
import type { SignOnApp } from "../sign-on-error-page.js";

/*
 * The RelayState Recto sends with an AuthnRequest and gets back at the ACS: which app the person
 * signs in to and where in it they return, as "patron:/i/UNI/titles/12". It travels through the
 * provider unprotected, so it is read back as strictly as it is written: an app Recto has and a
 * path on Recto's own site (return-path.ts). SAML allows 80 bytes; a longer path is dropped for
 * the app's start page.
 */

export interface RelayTarget {
  app: SignOnApp;
  returnPath: string;
}

const MAX_RELAY_STATE = 80;

export function encodeRelayState(target: RelayTarget, institutionCode: string): string {
  const home = defaultReturnPath(institutionCode, target.app);
  const state = `${target.app}:${isSameSitePath(target.returnPath) ? target.returnPath : home}`;
  return state.length <= MAX_RELAY_STATE ? state : `${target.app}:${home}`;
}

/** What the ACS reads back; anything else (absent, another site) leads to the patron app's start. */
export function decodeRelayState(relayState: string | undefined, institutionCode: string): RelayTarget {
  const match = /^(patron|staff):(.*)$/s.exec(relayState ?? "");
  const app = (match?.[1] ?? "patron") as SignOnApp;
  const path = match?.[2] ?? "";
  return { app, returnPath: isSameSitePath(path) ? path : defaultReturnPath(institutionCode, app) };
}
