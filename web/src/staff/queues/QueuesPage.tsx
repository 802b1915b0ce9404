import { useQuery } from "@tanstack/react-query";
import { Link, Tab, TabList, TabPanel, Tabs, type Key } from "react-aria-components";
import { ApiError } from "../../shared/api/client";
import { Page } from "../../shared/components/Page";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import { navigate, type Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { shellText } from "../text";
import { useWorkPlace, workspaceQuery } from "../workspace";
import { hasFilters, QUEUES, readView, viewHref, type QueueName, type QueueView } from "./address";
import { queueCountsQuery, queuePageQuery } from "./queries";
import { QueueFilters } from "./QueueFilters";
import { QueueTable } from "./QueueTable";
import { queuesText } from "./text";
import "./queues.css";

/**
 * The work queues of the place the staff member works at (or of all their places): a tab per
 * queue with its count, the chosen queue's requests as a table with filters, sort and pages,
 * and the selection's actions. Which requests stand in a queue is the server's answer
 * (GET /requests?queue=), never worked out here.
 */
export function QueuesPage({ place }: { place: Place }) {
  const s = useTexts(shellText);
  const q = useTexts(queuesText);
  const { number } = useI18n();
  const { current } = useWorkPlace();
  const workspace = useQuery(workspaceQuery);
  const placeCode = current?.code ?? null;
  const view = readView(place.search);
  const counts = useQuery(queueCountsQuery(placeCode));
  const countOf = (name: QueueName) => counts.data?.queues.find((x) => x.queue === name)?.count;
  const go = (next: QueueView) => navigate(viewHref(place, next));
  const failed = counts.data?.failed_letters ?? null;
  return (
    <Page title={s.queues}>
      <p className="lead queue-place">{current ? q.atPlace(current.name) : q.allPlaces}</p>
      {counts.isError && <LoadFailed retry={() => void counts.refetch()} />}
      {failed !== null && failed > 0 && workspace.data?.screens.outbox && (
        <p className="notice queue-failed">
          <Link href={staffPath(place, "/outbox")}>{q.failedLetters(number(failed))}</Link>
        </p>
      )}
      <Tabs
        className="queue-tabs"
        selectedKey={view.queue}
        onSelectionChange={(key: Key) => go({ ...view, queue: key as QueueName, cursor: null })}
      >
        <TabList aria-label={q.queuesLabel} className="queue-tablist">
          {QUEUES.map((name) => {
            const n = countOf(name);
            return (
              <Tab key={name} id={name} className="queue-tab">
                <span className="queue-tab-name">{q.queues[name]}</span>{" "}
                {n !== undefined && <span className="queue-count">{number(n)}</span>}
              </Tab>
            );
          })}
        </TabList>
        {QUEUES.map((name) => (
          <TabPanel key={name} id={name} className="queue-panel">
            <p className="queue-hint">{q.hints[name]}</p>
            <QueuePanel place={place} placeCode={placeCode} view={view} go={go} />
          </TabPanel>
        ))}
      </Tabs>
    </Page>
  );
}

function QueuePanel(props: { place: Place; placeCode: string | null; view: QueueView; go(next: QueueView): void }) {
  const { view, go } = props;
  const q = useTexts(queuesText);
  const list = useQuery(queuePageQuery(props.placeCode, view));
  const problems = list.error instanceof ApiError && list.error.status === 400 ? list.error.fields : [];
  return (
    <>
      <QueueFilters
        // a new address (the back button, a link) starts the form from what it says
        key={viewHref(props.place, { ...view, cursor: null })}
        view={view}
        problems={problems}
        apply={(filters) => go({ ...view, ...filters, cursor: null })}
        clear={() => go({ ...view, library: "", from: "", to: "", patron: "", course: "", cursor: null })}
      />
      {list.isPending && <p className="loading">{q.loadingList}</p>}
      {list.isError && problems.length === 0 && <LoadFailed retry={() => void list.refetch()} />}
      {list.isSuccess &&
        (list.data.requests.length === 0 && !view.cursor ? (
          <p className="queue-empty">{hasFilters(view) ? q.emptyFiltered : q.empty}</p>
        ) : (
          <QueueTable key={viewHref(props.place, view)} place={props.place} view={view} rows={list.data.requests} />
        ))}
      {list.isSuccess && (list.data.prev_cursor || list.data.next_cursor) && (
        <nav className="pagination" aria-label={q.pagination}>
          {list.data.prev_cursor && (
            <Link className="prev" href={viewHref(props.place, { ...view, cursor: list.data.prev_cursor })}>
              {q.previous}
            </Link>
          )}
          {list.data.next_cursor && (
            <Link className="next" href={viewHref(props.place, { ...view, cursor: list.data.next_cursor })}>
              {q.next}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
