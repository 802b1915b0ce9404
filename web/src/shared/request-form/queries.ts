import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

/** The institution's request form in the page's language (fields, checkboxes, copyright notice). */
export const requestFormQuery = (lang: string) =>
  queryOptions({
    queryKey: ["request-form", lang],
    queryFn: () =>
      unwrap(api.GET("/api/v1/request-form", { params: { query: { lang: lang as "en" | "fr" | "de" | "es" } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
