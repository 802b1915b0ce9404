import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import type { paths } from "../../../shared/api/schema";

/** The roles' API answers: the role table, the grants with their holders, and the places a grant may name. */
export type Grant =
  paths["/api/v1/role-assignments"]["get"]["responses"][200]["content"]["application/json"]["assignments"][number];
export type RoleDefinition =
  paths["/api/v1/roles"]["get"]["responses"][200]["content"]["application/json"]["roles"][number];
export type ScopeType = RoleDefinition["scope_types"][number];

export const roleTableQuery = queryOptions({
  queryKey: ["roles"],
  queryFn: () => unwrap(api.GET("/api/v1/roles")),
  staleTime: 60 * 60_000,
  retry: false,
});

export const grantsQuery = queryOptions({
  queryKey: ["role-assignments"],
  queryFn: () => unwrap(api.GET("/api/v1/role-assignments", { params: { query: { limit: 2000 } } })),
  retry: false,
});

/** Every library, digitization department and desk, by scope type: what a scoped grant may name. */
export const scopePlacesQuery = queryOptions({
  queryKey: ["role-scope-places"],
  queryFn: async () => {
    const [libraries, departments] = await Promise.all([
      unwrap(api.GET("/api/v1/libraries")),
      unwrap(api.GET("/api/v1/departments")),
    ]);
    const desks = await Promise.all(
      libraries.libraries.map((l) =>
        unwrap(api.GET("/api/v1/libraries/{id}/desks", { params: { path: { id: l.id } } })).then((d) =>
          d.desks.map((x) => ({ id: x.id, label: `${x.name} (${x.code}) – ${l.name}` })),
        ),
      ),
    );
    return {
      library: libraries.libraries.map((l) => ({ id: l.id, label: `${l.name} (${l.code})` })),
      department: departments.departments.map((d) => ({ id: d.id, label: `${d.name} (${d.code})` })),
      desk: desks.flat(),
    };
  },
  retry: false,
});
