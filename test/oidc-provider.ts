import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWTPayload } from "jose";
import Provider from "oidc-provider";

/*
 * A real OpenID provider for the tests (the oidc-provider package), on a free port of 127.0.0.1:
 * discovery, the authorization code flow with PKCE, signed ID tokens, userinfo and end_session,
 * with one test client and a few accounts whose claims include an affiliation. Its sign-in page
 * (/interaction/:uid) is a plain form asking for the account; consent is given for the test
 * client, as a campus provider does for its own services.
 */

export interface TestAccount {
  sub: string;
  claims: Record<string, unknown>;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * When set, every ID token the token endpoint answers is re-signed with the provider's own key
   * after this changes its claims: a token whose signature is good but whose issuer, audience or
   * nonce is wrong, as a misconfigured or hostile provider would send.
   */
  tamperIdToken: ((claims: JWTPayload) => JWTPayload) | null;
  close(): Promise<void>;
}

export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  student: {
    sub: "s-1001",
    claims: {
      uid: "jdoe",
      email: "jdoe@campus.example",
      given_name: "Jane",
      family_name: "Doe",
      locale: "fr",
      eduPersonAffiliation: ["member", "student"],
    },
  },
  faculty: {
    sub: "s-2002",
    claims: {
      uid: "pprof",
      email: "pprof@campus.example",
      given_name: "Pat",
      family_name: "Prof",
      eduPersonAffiliation: ["member", "faculty"],
    },
  },
  alum: {
    sub: "s-3003",
    claims: { uid: "aalum", email: "aalum@campus.example", eduPersonAffiliation: ["alum"] },
  },
  anonymous: { sub: "s-4004", claims: { email: "who@campus.example", eduPersonAffiliation: ["student"] } },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

/**
 * Starts the provider. `redirectUris` are Recto's callbacks registered for the client;
 * `accounts` may change the claims of an account between tests (it is read at each sign-in).
 */
export async function startTestOidcProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  accounts?: Record<string, TestAccount>;
}): Promise<TestOidcProvider> {
  const accounts = options.accounts ?? TEST_ACCOUNTS;
  const clientId = "recto-test";
  const clientSecret = "recto-test-secret-that-is-long-enough-for-hs256";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bySub = (sub: string) => Object.values(accounts).find((a) => a.sub === sub);

  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = "test-key";
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  void publicKey;
  const provider = new Provider(issuer, {
    jwks: { keys: [privateJwk] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email", "affiliation"],
    claims: {
      openid: ["sub"],
      profile: ["given_name", "family_name", "locale", "uid"],
      email: ["email"],
      affiliation: ["eduPersonAffiliation"],
    },
    cookies: { keys: ["test-cookie-key-recto"] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = bySub(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account.claims }) };
    },
    // The test client is one of the campus's own services: its users are not asked to consent.
    async loadExistingGrant(ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string };
        provider: { Grant: Provider["Grant"] };
      };
    }) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope("openid profile email affiliation");
      await grant.save();
      return grant;
    },
  });
  provider.on("server_error", (_ctx, err) => console.error("test OpenID provider:", err));
  const oidc = provider.callback();

  const handle: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    tamperIdToken: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  /** The token endpoint's answer with its ID token re-signed after `tamperIdToken`. */
  async function tamperedToken(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    tamper: (c: JWTPayload) => JWTPayload,
  ) {
    const body = await readForm(req);
    const answer = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: req.headers.authorization ?? "",
        "x-test-direct": "1",
      },
      body,
    });
    const json = (await answer.json()) as Record<string, unknown>;
    if (typeof json.id_token === "string") {
      json.id_token = await new SignJWT(tamper(decodeJwt(json.id_token)))
        .setProtectedHeader({ alg: "RS256", kid })
        .sign(privateKey);
    }
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(json));
  }

  server.on("request", (req, res) => {
    const tamper = handle.tamperIdToken;
    if (tamper && req.method === "POST" && req.url === "/token" && !req.headers["x-test-direct"]) {
      void tamperedToken(req, res, tamper);
      return;
    }
    const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? "");
    if (!m) return oidc(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === "POST" && m[2]) {
          const form = await readForm(req);
          const account = accounts[form.get("login") ?? ""];
          if (!account) {
            res.writeHead(400, { "content-type": "text/plain" }).end("no such account");
            return;
          }
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: account.sub } },
            {
              mergeWithLastSubmission: false,
            },
          );
          return;
        }
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html lang="en"><head><title>Campus sign-in</title></head><body><main>
<h1>Campus sign-in</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}/login">
<label for="login">Account</label> <input id="login" name="login" autocomplete="username">
<button type="submit">Sign in</button>
</form></main></body></html>`);
      } catch (err) {
        res.writeHead(400, { "content-type": "text/plain" }).end(String(err));
      }
    })();
  });

  return handle;
}
