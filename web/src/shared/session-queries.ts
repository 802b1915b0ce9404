import { queryOptions } from "@tanstack/react-query";
import { api, ApiError, unwrap } from "./api/client";

/** Which institution a page serves and who is signed in: both apps ask the same. */

export const institutionQuery = (code: string | null) =>
  queryOptions({
    queryKey: ["institution", code],
    queryFn: () => unwrap(api.GET("/api/v1/web/institution", { params: { query: code ? { code } : {} } })),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Who is signed in; null when nobody is (the API answers 401). */
export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: async () => {
    try {
      return await unwrap(api.GET("/api/v1/auth/me"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
  retry: false,
});
