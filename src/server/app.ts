import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { closeRenderPools } from "../letters/render.js";
import { databaseAnswers } from "../organisation/institution-repository.js";
import { registerAuthentication, trackRoutes } from "./auth-plugin.js";
import type { AppContext } from "./context.js";
import { registerErrorHandling } from "./errors-plugin.js";
import { registerInputGuard } from "./input-guard.js";
import { registerApiRoutes } from "./routes.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { registerWebPages } from "./web-plugin.js";

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies an administrator names (TRUSTED_PROXIES):
    // otherwise any client could pick the address that sign-in throttling counts against.
    trustProxy: ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate("ctx", ctx);
  trackRoutes(app);
  // Letter templates render in worker threads started on first use; they stop with the app.
  app.addHook("onClose", async () => closeRenderPools());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app, ctx.config);
  // before authentication and every route: text the database cannot store is refused with 400
  registerInputGuard(app);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Recto API",
        version: "1",
        description:
          "Patron digitization requests. Authenticate with `Authorization: Bearer <api key>` or the session cookie from `POST /api/v1/auth/login` (then send its `csrf_token` as `x-csrf-token` on writes). " +
          "An API key in the URL (`?apikey=`) is refused with 401, except on the /almaws compatibility routes, whose clients send it there. " +
          "Every endpoint except sign-in, sign-out, download links, /health and these docs answers 401 to a call without credentials, before looking at its input.",
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "An API key created with `recto create-api-key`." },
          session: { type: "apiKey", in: "cookie", name: "recto_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  registerAuthentication(app);

  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
  app.get("/health", { schema: { hide: true } }, async () => {
    await databaseAnswers(ctx.db);
    return { status: "ok", database: ctx.dialect };
  });

  await registerApiRoutes(app);
  await registerWebPages(app);
  return app;
}
