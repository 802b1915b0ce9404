import type { FastifyReply } from "fastify";
import type { Config } from "../config.js";
import { SESSION_COOKIE } from "./auth-plugin.js";

/** The session cookie every sign-in sets (password or identity provider): http-only, same-site lax. */
export function setSessionCookie(reply: FastifyReply, config: Config, session: { token: string; expiresAt: string }) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.publicUrl.startsWith("https://"),
    path: "/",
    expires: new Date(session.expiresAt),
  });
}
