import { Page } from "../../shared/components/Page";
import type { Place } from "../../shared/router";

/** PLACEHOLDER: the request's page is built by its own task and replaces this file. */
export function RequestPage(props: { place: Place; id: string }) {
  return <Page title={`Request ${props.id}`}>{null}</Page>;
}
