import type { TestApp } from "./harness.js";

/*
 * A browser's way through an OpenID Connect sign-in, without a browser: Recto's start route, the
 * test provider's sign-in form (with its cookies), and back to Recto's callback. `beforeCallback`
 * may change the callback's query (a tampered state) or the database (a wrong nonce) first.
 */

export interface WalkResult {
  status: number;
  location: string | undefined;
  body: string;
  sessionCookie: string | undefined;
  contentType: string;
  headers: Record<string, unknown>;
}

class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export async function oidcWalk(
  t: TestApp,
  startUrl: string,
  login: string,
  options: { beforeCallback?: (callback: URL) => Promise<void> | void } = {},
): Promise<WalkResult> {
  const start = await t.app.inject({ method: "GET", url: startUrl });
  if (start.statusCode !== 303) return answer(start);
  const jar = new Jar();
  let url = String(start.headers.location);
  // Follow the provider's redirects until it sends the browser back to Recto.
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(t.config.publicUrl)) break;
    const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(url).pathname);
    const res = interaction
      ? await fetch(`${url}/login`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ login }),
        })
      : await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(res);
    const next = res.headers.get("location");
    if (!next) throw new Error(`the provider stopped at ${url}: ${res.status} ${await res.text()}`);
    url = new URL(next, url).toString();
  }
  const callback = new URL(url);
  await options.beforeCallback?.(callback);
  const res = await t.app.inject({ method: "GET", url: `${callback.pathname}${callback.search}` });
  return answer(res);
}

function answer(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  cookies: { name: string; value: string }[];
}): WalkResult {
  return {
    status: res.statusCode,
    location: typeof res.headers.location === "string" ? res.headers.location : undefined,
    body: res.body,
    sessionCookie: res.cookies.find((c) => c.name === "recto_session")?.value,
    contentType: String(res.headers["content-type"] ?? ""),
    headers: res.headers,
  };
}
