import type { z } from "zod";
import type { staffWorkspace } from "./workspace.js";
import type { workspaceSchema } from "./schemas.js";

export function presentWorkspace(w: Awaited<ReturnType<typeof staffWorkspace>>): z.infer<typeof workspaceSchema> {
  return {
    user: {
      user_id: String(w.user.id),
      primary_id: w.user.primary_id,
      name: `${w.user.first_name} ${w.user.last_name}`.trim(),
    },
    screens: w.screens,
    setup_areas: w.setup_areas,
    places: w.places.map((p) => ({
      kind: p.kind,
      id: String(p.id),
      code: p.code,
      name: p.name,
      library: p.library_id === null ? null : (w.libraries.get(p.library_id) ?? null),
      roles: p.roles,
    })),
  };
}
