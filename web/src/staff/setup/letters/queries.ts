import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import type { paths } from "../../../shared/api/schema";

/** The letters' API answers, as the generated types have them. */
export type Letter = paths["/api/v1/letters/{code}"]["get"]["responses"][200]["content"]["application/json"];
export type LetterCode = Letter["code"];
export type Template = Letter["templates"][number];
export type TemplateText = Pick<Template, "subject" | "body_html" | "body_text">;
export type Rendered = paths["/api/v1/letters/{code}/preview"]["post"]["responses"][200]["content"]["application/json"];

export const lettersQuery = queryOptions({
  queryKey: ["letters"],
  queryFn: () => unwrap(api.GET("/api/v1/letters")),
  retry: false,
});

export const letterQuery = (code: string) =>
  queryOptions({
    queryKey: ["letters", code],
    queryFn: () => unwrap(api.GET("/api/v1/letters/{code}", { params: { path: { code } } })),
    retry: false,
  });

export const previewLetter = (code: string, language: string, template: TemplateText, signal?: AbortSignal) =>
  unwrap(
    api.POST("/api/v1/letters/{code}/preview", {
      params: { path: { code } },
      body: { language, template },
      ...(signal ? { signal } : {}),
    }),
  );
