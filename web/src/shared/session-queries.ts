import { queryOptions } from "@tanstack/react-query";
import { api, ApiError, setCsrfToken, unwrap } from "./api/client";

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
      const me = await unwrap(api.GET("/api/v1/auth/me"));
      // A page that arrived signed in from an identity provider has no CSRF token yet: it is here.
      if (me.csrf_token) setCsrfToken(me.csrf_token);
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
  retry: false,
});

/** The institution's sign-in buttons (its identity providers) and whether patrons may use a password. */
export const signOnProvidersQuery = (institution: string) =>
  queryOptions({
    queryKey: ["sign-on-providers", institution],
    queryFn: () => unwrap(api.GET("/api/v1/auth/providers", { params: { query: { institution } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
