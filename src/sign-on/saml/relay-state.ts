/*
 * The RelayState Recto sends with an AuthnRequest and gets back at the ACS: which app the person
 * signs in to and where in it they return, as "patron:/titles/12". It travels through the
 * provider unprotected, so it is read back as strictly as it is written: an app Recto has and a
 * path on Recto's own site (never "//host" or "/\host", which browsers read as another site).
 * SAML allows 80 bytes; a longer path is dropped for the app's start page.
 */

export type SignOnApp = "patron" | "staff";

export interface RelayTarget {
  app: SignOnApp;
  returnPath: string;
}

const MAX_RELAY_STATE = 80;

/** A same-site path, or undefined: starts with one "/", no backslash, no control characters. */
export function sameSitePath(path: string | undefined): string | undefined {
  if (!path || !path.startsWith("/") || path.startsWith("//")) return undefined;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return undefined;
  // The URL parser must agree that it stays on this origin.
  const base = "https://recto.invalid";
  const url = new URL(path, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : undefined;
}

const homeOf = (app: SignOnApp) => (app === "staff" ? "/staff" : "/");

export function encodeRelayState(target: RelayTarget): string {
  const path = sameSitePath(target.returnPath) ?? homeOf(target.app);
  const state = `${target.app}:${path}`;
  return state.length <= MAX_RELAY_STATE ? state : `${target.app}:${homeOf(target.app)}`;
}

/** What the ACS reads back; anything else (absent, another site) leads to the patron app's start. */
export function decodeRelayState(relayState: string | undefined): RelayTarget {
  const match = /^(patron|staff):(.*)$/s.exec(relayState ?? "");
  if (!match) return { app: "patron", returnPath: "/" };
  const app = match[1] as SignOnApp;
  return { app, returnPath: sameSitePath(match[2]) ?? homeOf(app) };
}
