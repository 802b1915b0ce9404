import { Page } from "../../shared/components/Page";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { shellText } from "../text";

/** PLACEHOLDER: the screen is built by its own task and replaces this file. */
export function QueuesPage(_props: { place: Place }) {
  const s = useTexts(shellText);
  return <Page title={s.queues}>{null}</Page>;
}
