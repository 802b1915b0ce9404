import type { FastifyInstance } from "fastify";
import { bibRoutes } from "../catalogue/bibs-routes.js";
import { itemRoutes } from "../catalogue/items-routes.js";
import { libraryRoutes } from "../organisation/libraries-routes.js";
import { requestRoutes } from "../requests/routes.js";
import { authRoutes } from "../people/auth-routes.js";

/** Every area's routes, mounted in one place so the API's shape is visible at a glance. */
export async function registerApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes, { prefix: "/api/v1" });
  await app.register(libraryRoutes, { prefix: "/api/v1" });
  await app.register(requestRoutes, { prefix: "/api/v1" });
  await app.register(bibRoutes, { prefix: "/api/v1" });
  await app.register(itemRoutes, { prefix: "/api/v1" });
}
