import type { FastifyInstance } from "fastify";
import { bibRoutes } from "../catalogue/bibs-routes.js";
import { itemRoutes } from "../catalogue/items-routes.js";
import { deliveryRoutes } from "../delivery/delivery-routes.js";
import { letterRoutes } from "../letters/letters-routes.js";
import { printoutRoutes } from "../printing/printouts-routes.js";
import { departmentRoutes } from "../organisation/departments-routes.js";
import { deskRoutes } from "../organisation/desks-routes.js";
import { institutionRoutes } from "../organisation/institution-routes.js";
import { libraryRoutes } from "../organisation/libraries-routes.js";
import { printerRoutes } from "../organisation/printers-routes.js";
import { apiKeyRoutes } from "../people/api-keys-routes.js";
import { outboxRoutes } from "../outbox/outbox-routes.js";
import { authRoutes } from "../people/auth-routes.js";
import { roleRoutes } from "../people/role-assignments-routes.js";
import { userBlockRoutes } from "../people/user-blocks-routes.js";
import { userGroupRoutes } from "../people/user-groups-routes.js";
import { userRoutes } from "../people/users-routes.js";
import { almawsRoutes } from "../requests/compat/routes.js";
import { requestRoutes } from "../requests/routes.js";
import { explainRoutes } from "../rules/explain-routes.js";
import { policyRoutes } from "../rules/policies-routes.js";
import { ruleTableRoutes } from "../rules/rule-tables-routes.js";

/** Every area's routes, mounted in one place so the API's shape is visible at a glance. */
export async function registerApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes, { prefix: "/api/v1" });
  await app.register(libraryRoutes, { prefix: "/api/v1" });
  await app.register(requestRoutes, { prefix: "/api/v1" });
  await app.register(bibRoutes, { prefix: "/api/v1" });
  await app.register(itemRoutes, { prefix: "/api/v1" });
  await app.register(userGroupRoutes, { prefix: "/api/v1" });
  await app.register(userRoutes, { prefix: "/api/v1" });
  await app.register(userBlockRoutes, { prefix: "/api/v1" });
  await app.register(roleRoutes, { prefix: "/api/v1" });
  await app.register(apiKeyRoutes, { prefix: "/api/v1" });
  await app.register(institutionRoutes, { prefix: "/api/v1" });
  await app.register(deskRoutes, { prefix: "/api/v1" });
  await app.register(departmentRoutes, { prefix: "/api/v1" });
  await app.register(printerRoutes, { prefix: "/api/v1" });
  await app.register(outboxRoutes, { prefix: "/api/v1" });
  await app.register(letterRoutes, { prefix: "/api/v1" });
  await app.register(deliveryRoutes, { prefix: "/api/v1" });
  await app.register(printoutRoutes, { prefix: "/api/v1" });
  await app.register(ruleTableRoutes, { prefix: "/api/v1" });
  await app.register(policyRoutes, { prefix: "/api/v1" });
  await app.register(explainRoutes, { prefix: "/api/v1" });
  await app.register(almawsRoutes, { prefix: "/almaws" });
}
