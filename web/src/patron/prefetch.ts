import type { QueryClient } from "@tanstack/react-query";
import { parsePlace } from "../shared/router";
import { explainQuery, titleQuery } from "./queries";

/**
 * A title page asks for the record and for what the patron may ask for as soon as the script
 * runs, beside "who am I" and "which institution" instead of after them: the page is usable one
 * round trip sooner (bench/title-page.ts). Signed out, both answer 401 and are asked again after
 * signing in.
 */
export function prefetchFirstPage(client: QueryClient): void {
  const m = /^\/titles\/([1-9][0-9]{0,14})\/?$/.exec(parsePlace(location.href).path);
  if (!m?.[1]) return;
  void client.prefetchQuery(titleQuery(m[1]));
  void client.prefetchQuery(explainQuery(m[1]));
}
