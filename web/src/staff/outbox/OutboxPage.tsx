import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Link } from "react-aria-components";
import { api, ApiError, unwrap } from "../../shared/api/client";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import {
  Announcer,
  FilterSelect,
  QueueTable,
  useDateTime,
  useFocusAfterRemoval,
  type Said,
} from "../printouts/queue-parts";
import { staffPath } from "../screens";
import { shellText } from "../text";
import { outboxText } from "./text";

const STATUSES = ["failed", "pending", "processing", "done", "all"] as const;

type Message = Awaited<ReturnType<typeof listOutbox>>["messages"][number];

const listOutbox = (status: (typeof STATUSES)[number]) =>
  unwrap(api.GET("/api/v1/outbox", { params: { query: { ...(status !== "all" ? { status } : {}), limit: 200 } } }));

/** The outbox: letters and print jobs waiting or failed, with their last error, and sending a failed one again. */
export function OutboxPage({ place }: { place: Place }) {
  const s = useTexts(outboxText);
  const shell = useTexts(shellText);
  const { t } = useI18n();
  const when = useDateTime();
  const client = useQueryClient();
  const status = STATUSES.find((x) => x === place.search.get("status")) ?? "failed";
  const list = useQuery({ queryKey: ["outbox", status], queryFn: () => listOutbox(status) });
  const [said, setSaid] = useState<Said | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [heading, keepFocus] = useFocusAfterRemoval();

  /** "Letter: Request received (request 12)": how a message is named in the list and after an action. */
  const nameOf = (m: Message) =>
    `${m.kind === "letter" ? s.letter : s.printJob}: ${s.topics[m.topic] ?? m.topic}` +
    (m.request_id !== null ? ` (${s.request(m.request_id)})` : "");

  const retry = async (m: Message) => {
    setSaid(null);
    setBusy(m.id);
    try {
      await unwrap(api.POST("/api/v1/outbox/{id}/retry", { params: { path: { id: m.id } } }));
      setSaid({ ok: true, text: s.retried(nameOf(m)) });
    } catch (e) {
      setSaid({ ok: false, text: s.failed(nameOf(m), e instanceof ApiError ? e.message : t.loadFailed) });
    } finally {
      setBusy(null);
      await client.invalidateQueries({ queryKey: ["outbox"] });
      keepFocus();
    }
  };

  const progress = (m: Message): string[] => {
    const lines = [s.rowStatuses[m.status] ?? m.status, s.tries(m.attempts)];
    if (m.status === "pending") lines.push(s.nextTry(when(m.next_attempt_at)));
    if (m.status === "done" && m.processed_at) lines.push(s.sentAt(when(m.processed_at)));
    if (m.status === "failed" && m.processed_at) lines.push(s.failedAt(when(m.processed_at)));
    return lines;
  };

  return (
    <Page title={shell.outbox}>
      <p className="lead">{s.intro}</p>
      <div className="jobs-filters">
        <FilterSelect
          place={place}
          name="status"
          label={s.status}
          value={status}
          fallback="failed"
          options={STATUSES.map((x) => ({ id: x, label: s.statuses[x]! }))}
        />
      </div>
      <Announcer said={said} />
      <QueueTable
        title={s.statuses[status]!}
        headingRef={heading}
        caption={s.listLabel}
        headers={[s.what, s.state, s.lastError, s.actions]}
        list={list}
        rows={list.data?.messages}
        empty={s.none}
        row={(m) => (
          <tr key={m.id} role="row">
            <td role="cell">
              <span className="jobs-title">{s.topics[m.topic] ?? m.topic}</span>
              <br />
              {m.kind === "letter" ? s.letter : s.printJob}
              {" · "}
              {m.request_id !== null ? (
                <Link href={staffPath(place, `/requests/${m.request_id}`)}>{s.request(m.request_id)}</Link>
              ) : (
                s.noRequest
              )}
              <div className="muted">{s.created(when(m.created_at))}</div>
            </td>
            <td role="cell" data-label={s.state}>
              {progress(m).map((line, i) => (
                <div key={line} className={i === 0 ? "strong" : "muted"}>
                  {line}
                </div>
              ))}
            </td>
            <td role="cell" data-label={s.lastError}>
              {m.last_error ? <p className="jobs-error">{m.last_error}</p> : "–"}
            </td>
            <td role="cell">
              {m.status === "failed" && (
                <div className="jobs-actions">
                  <Button
                    className="button"
                    isDisabled={busy === m.id}
                    onPress={() => void retry(m)}
                    aria-label={`${s.retry}${s.forMessage(nameOf(m))}`}
                  >
                    {s.retry}
                  </Button>
                </div>
              )}
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
