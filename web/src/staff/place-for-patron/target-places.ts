import { useQueries, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../shared/api/client";

export interface TargetPlace {
  code: string;
  name: string;
}

const LISTS = { staleTime: 5 * 60_000, retry: false } as const;

/**
 * The places staff may send a request to instead of the rules' choice: every digitization
 * department, and the circulation desks that support digitization (DOMAIN 1; the server refuses
 * any other desk, src/organisation/handling-place.ts). A desk is named with its library, as two
 * libraries may each have a "Circulation desk".
 */
export function useTargetPlaces(): { departments: TargetPlace[]; desks: TargetPlace[] } {
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: () => unwrap(api.GET("/api/v1/departments")),
    ...LISTS,
  });
  const libraries = useQuery({
    queryKey: ["libraries"],
    queryFn: () => unwrap(api.GET("/api/v1/libraries")),
    ...LISTS,
  });
  const desks = useQueries({
    queries: (libraries.data?.libraries ?? []).map((l) => ({
      queryKey: ["libraries", l.id, "desks"],
      queryFn: () => unwrap(api.GET("/api/v1/libraries/{id}/desks", { params: { path: { id: l.id } } })),
      ...LISTS,
    })),
  });
  const libraryName = new Map((libraries.data?.libraries ?? []).map((l) => [l.id, l.name]));
  return {
    departments: (departments.data?.departments ?? []).map((d) => ({ code: d.code, name: d.name })),
    desks: desks
      .flatMap((q) => q.data?.desks ?? [])
      .filter((d) => d.digitization.supports_digitization)
      .map((d) => ({ code: d.code, name: `${d.name} (${libraryName.get(d.library_id) ?? d.library_id})` })),
  };
}
