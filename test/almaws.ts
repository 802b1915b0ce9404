import type { FastifyInstance, InjectOptions } from "fastify";
import { expect } from "vitest";

/** Calls /almaws the way the platform's clients do: API key in the header, in the query, or absent. */
/** `app` is read at call time: test files build their app in beforeAll. */
export function almaws(app: () => FastifyInstance) {
  return async function alma(
    method: InjectOptions["method"],
    url: string,
    o: { key?: string; keyIn?: "header" | "query"; body?: unknown; rawBody?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    let target = url;
    if (o.key && o.keyIn === "query") target += `${url.includes("?") ? "&" : "?"}apikey=${o.key}`;
    else if (o.key) headers.authorization = `apikey ${o.key}`;
    if (o.rawBody !== undefined) headers["content-type"] = "application/json";
    const res = await app().inject({
      method,
      url: target,
      headers,
      ...(o.body !== undefined ? { payload: o.body as InjectOptions["payload"] } : {}),
      ...(o.rawBody !== undefined ? { payload: o.rawBody } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
  };
}

/** What a discovery add-on sends: the form plus fields Recto has no use for. */
export const addOnPayload = {
  request_type: "DIGITIZATION",
  request_sub_type: { value: "PHYSICAL_TO_DIGITIZATION" },
  pickup_location_type: "LIBRARY",
  task_name: "Patron physical item request",
  material_type: { value: "BK" },
  partial_digitization: true,
  required_pages_range: [{ from_page: "1", to_page: "6" }],
  chapter_or_article_title: "On the shortness of life",
  chapter_or_article_author: "Seneca",
  volume: "2",
  comment: "For my seminar",
  last_interest_date: "2026-05-01Z",
  copyrights_declaration_signed_by_patron: true,
};

export const errorShape = (code: string) => ({
  errorsExist: true,
  errorList: {
    error: expect.arrayContaining([expect.objectContaining({ errorCode: code, trackingId: expect.any(String) })]),
  },
  result: null,
});
