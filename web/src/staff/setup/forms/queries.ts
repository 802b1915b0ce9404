import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";

/** The lists several organisation screens choose from (a department's printer, the libraries it serves). */
export const librariesQuery = queryOptions({
  queryKey: ["setup", "libraries"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/libraries"))).libraries,
});

export const printersQuery = queryOptions({
  queryKey: ["setup", "printers"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/printers"))).printers,
});

export const departmentsQuery = queryOptions({
  queryKey: ["setup", "departments"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/departments"))).departments,
});

export type Library = Awaited<ReturnType<typeof librariesQuery.queryFn & {}>>[number];

export const termsQuery = queryOptions({
  queryKey: ["setup", "terms-of-use"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/terms-of-use"))).terms_of_use,
});

/** The thing an address names, by its code or else its id. */
export function findByCodeOrId<T extends { id: number; code: string }>(
  list: T[] | undefined,
  which: string,
): T | undefined {
  return list?.find((x) => x.code === which) ?? list?.find((x) => String(x.id) === which);
}
