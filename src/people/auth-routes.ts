import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor, SESSION_COOKIE } from "../server/auth-plugin.js";
import { setSessionCookie } from "../server/session-cookie.js";
import { errorResponses, errorSchema } from "../server/schemas.js";
import { login, logout } from "./login.js";
import { providerSignOutUrl } from "../sign-on/protocol-routes.js";
import { meSchema } from "./auth-schemas.js";
import { getUser } from "./users-repository.js";
import { sessionCsrfToken } from "../auth/repository.js";

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;
  const tags = ["Authentication"];

  app.post(
    "/auth/login",
    {
      schema: {
        tags,
        summary: "Sign in with a password; sets the session cookie and returns the CSRF token for writes",
        description:
          "Failed sign-ins are counted per account and per client address; while either is throttled the answer is 429 TOO_MANY_ATTEMPTS with a Retry-After header (seconds), and the password is not checked.",
        security: [],
        body: z.object({
          institution: z.string().min(1).max(255),
          user_id: z.string().min(1).max(255),
          password: z.string().min(1).max(1024),
        }),
        response: {
          200: z.object({ csrf_token: z.string(), expires_at: z.string(), user_id: z.number() }),
          ...errorResponses,
          429: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const result = await login(db, req.body, {
        now: clock.now(),
        ttlHours: config.sessionTtlHours,
        clientAddress: req.ip,
        addressLimit: config.loginFailuresPerAddress,
        log: req.log,
      });
      setSessionCookie(reply, config, result);
      return { csrf_token: result.csrfToken, expires_at: result.expiresAt, user_id: result.userId };
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: {
        tags,
        summary: "End the browser session",
        description:
          "204 when that is all; 200 with `end_session_url` when the session came through an identity provider that offers sign-out: the browser goes there to end the provider's session too.",
        response: { 200: z.object({ end_session_url: z.string() }), 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      const ended = token ? await logout(db, token) : null;
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      const endSessionUrl = await providerSignOutUrl(app.ctx, ended);
      if (endSessionUrl) return reply.status(200).send({ end_session_url: endSessionUrl });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      schema: {
        tags,
        summary: "Who is calling, with roles and scopes",
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const user = await getUser(db, actor.userId);
      return {
        user_id: actor.userId,
        primary_id: actor.primaryId,
        institution_id: actor.institutionId,
        roles: actor.grants.map((g) => ({ role: g.role, scope_type: g.scopeType, scope_id: g.scopeId })),
        name: `${user.first_name} ${user.last_name}`.trim(),
        preferred_language: user.preferred_language,
        csrf_token: actor.sessionId === undefined ? null : await sessionCsrfToken(db, actor.sessionId),
      };
    },
  );
};
