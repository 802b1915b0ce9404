import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { esc, readAuthnRequest, samlResponse, type ResponseOptions, type TestPerson } from "./saml-idp.js";
import { encryptedSamlResponse, logoutRequestXml, redirectQuery } from "./saml-idp-messages.js";

/*
 * The test identity provider as a browser meets it (saml-idp.ts builds its messages): an SSO
 * endpoint answering an AuthnRequest (HTTP-Redirect) with the auto-posting form a browser sends to
 * the ACS, and single logout both ways.
 */

export interface TestIdp {
  /** the SSO address (idp_sso_url) */
  ssoUrl: string;
  /** the single logout address (idp_slo_url) */
  sloUrl: string;
  /** who signs in at the next AuthnRequest */
  person: TestPerson;
  /** the LogoutRequests and LogoutResponses received, as their query strings */
  logouts: string[];
  /** set: assertions are encrypted to this certificate (Recto's, from its metadata) */
  encryptTo?: string;
  /** the address that starts single logout at the provider for the last sign-in, towards `slo` */
  logoutEverywhereUrl(slo: string): string;
  close(): Promise<void>;
}

/**
 * Serves GET /sso: reads the AuthnRequest, signs a Response for `person` answering it and
 * returns a page that posts it (with the RelayState) to the ACS the request named, as a real
 * provider does once the person has signed in. `now` is the provider's clock. Serves GET /logout
 * too: the person signs out at the provider, which sends the browser to the SP's single logout
 * address with a signed LogoutRequest naming the last sign-in (HTTP-Redirect).
 */
export async function startSamlIdp(options: {
  person: TestPerson;
  audience: string;
  now: () => Date;
}): Promise<TestIdp> {
  const logouts: string[] = [];
  const idp = { person: options.person, logouts } as TestIdp;
  let last = { nameId: "", sessionIndex: "" };
  const server = http.createServer((req, res) => void answer(req, res));
  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://idp.test");
    if (url.pathname === "/logout") {
      const slo = url.searchParams.get("slo") ?? "";
      const xml = logoutRequestXml({ ...last, destination: slo, issued: options.now() });
      res.writeHead(303, { location: `${slo}?${redirectQuery(xml)}` }).end();
      return;
    }
    if (url.pathname === "/slo") {
      logouts.push(url.search);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end('<!doctype html><html lang="en"><title>Signed out</title><main><h1>Signed out</h1></main></html>');
      return;
    }
    if (url.pathname !== "/sso") {
      res.writeHead(404).end();
      return;
    }
    const request = readAuthnRequest(url.href);
    last = { nameId: `_t${randomUUID()}`, sessionIndex: `_s${randomUUID()}` };
    const o: ResponseOptions = {
      person: idp.person,
      audience: request.issuer || options.audience,
      recipient: request.acsUrl,
      inResponseTo: request.id,
      now: options.now(),
      ...last,
    };
    const response = idp.encryptTo ? await encryptedSamlResponse(o, idp.encryptTo) : samlResponse(o);
    const relayState = url.searchParams.get("RelayState") ?? "";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="en"><head><title>Signing in</title></head><body>` +
        `<form method="post" action="${esc(request.acsUrl)}">` +
        `<input type="hidden" name="SAMLResponse" value="${response}">` +
        `<input type="hidden" name="RelayState" value="${esc(relayState)}">` +
        `<noscript><button type="submit">Continue</button></noscript></form>` +
        `<script>document.forms[0].submit()</script></body></html>`,
    );
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  idp.ssoUrl = `http://127.0.0.1:${port}/sso`;
  idp.sloUrl = `http://127.0.0.1:${port}/slo`;
  idp.logoutEverywhereUrl = (slo) => `http://127.0.0.1:${port}/logout?slo=${encodeURIComponent(slo)}`;
  idp.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return idp;
}
