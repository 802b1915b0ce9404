import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Link } from "react-aria-components";
import { api, ApiError, unwrap } from "../../shared/api/client";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { shellText } from "../text";
import { Announcer, FilterSelect, QueueTable, useDateTime, useFocusAfterRemoval, type Said } from "./queue-parts";
import { usePlacePrinter } from "./place-printer";
import { printoutsText } from "./text";

type Move = "print" | "reprint" | "dismiss";
const STATUSES = ["queued", "printed", "dismissed", "all"] as const;

function movePrintout(id: number, move: Move) {
  const params = { params: { path: { id } } };
  if (move === "print") return unwrap(api.POST("/api/v1/printouts/{id}/print", params));
  if (move === "reprint") return unwrap(api.POST("/api/v1/printouts/{id}/reprint", params));
  return unwrap(api.POST("/api/v1/printouts/{id}/dismiss", params));
}

const pdfOf = (id: number) => `/api/v1/printouts/${id}/pdf`;

/** The printout queue: the pick slips of the requests the user works on, to print, print again or dismiss. */
export function PrintoutsPage({ place }: { place: Place }) {
  const s = useTexts(printoutsText);
  const shell = useTexts(shellText);
  const { t } = useI18n();
  const when = useDateTime();
  const client = useQueryClient();
  const status = STATUSES.find((x) => x === place.search.get("status")) ?? "queued";
  const printers = useQuery({
    queryKey: ["printers"],
    queryFn: () => unwrap(api.GET("/api/v1/printers")),
    staleTime: 5 * 60_000,
  });
  const here = usePlacePrinter(printers.data?.printers);
  const asked = place.search.get("printer") ?? "";
  // The printer chosen in the address; else the work place's printer; "all": every slip the user may see.
  const choice = asked === "all" || /^[1-9][0-9]*$/.test(asked) ? asked : (here.printer?.id ?? "all");
  const printer = choice === "all" ? "" : choice;
  const list = useQuery({
    enabled: asked !== "" || here.settled,
    queryKey: ["printouts", status, printer],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/printouts", {
          params: {
            query: {
              ...(status !== "all" ? { status } : {}),
              ...(printer ? { printer_id: Number(printer) } : {}),
              limit: 200,
            },
          },
        }),
      ),
  });
  const [said, setSaid] = useState<Said | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [heading, keepFocus] = useFocusAfterRemoval();

  const act = async (id: number, requestId: number, move: Move) => {
    // Opened before the call, while the press still counts as the user's: browsers block it later.
    if (move !== "dismiss") window.open(pdfOf(id), "_blank", "noopener");
    setSaid(null);
    setBusy(id);
    try {
      await movePrintout(id, move);
      const done = move === "print" ? s.donePrint : move === "reprint" ? s.doneReprint : s.doneDismiss;
      setSaid({ ok: true, text: done(requestId) });
    } catch (e) {
      setSaid({ ok: false, text: s.failed(requestId, e instanceof ApiError ? e.message : t.loadFailed) });
    } finally {
      setBusy(null);
      await client.invalidateQueries({ queryKey: ["printouts"] });
      keepFocus();
    }
  };

  return (
    <Page title={shell.printouts}>
      <p className="lead">{s.intro}</p>
      <div className="jobs-filters">
        <FilterSelect
          place={place}
          name="status"
          label={s.status}
          value={status}
          fallback="queued"
          options={STATUSES.map((x) => ({ id: x, label: s.statuses[x]! }))}
        />
        <FilterSelect
          place={place}
          name="printer"
          label={s.printer}
          value={choice}
          fallback={here.printer?.id ?? "all"}
          options={[
            { id: "all", label: s.allPrinters },
            ...(printers.data?.printers ?? []).map((p) => ({
              id: String(p.id),
              label: p.id === Number(here.printer?.id) ? s.placePrinter(p.name) : p.name,
            })),
          ]}
        />
      </div>
      {here.printer && choice === here.printer.id && (
        <p className="hint">{s.narrowedTo(here.printer.place, here.printer.name)}</p>
      )}
      <Announcer said={said} />
      <QueueTable
        title={s.statuses[status]!}
        headingRef={heading}
        caption={s.listLabel}
        headers={[s.slip, s.printerColumn, s.created, s.statusColumn, s.actions]}
        list={list}
        rows={list.data?.printouts}
        empty={s.none}
        row={(p) => (
          <tr key={p.id} role="row">
            <td role="cell">
              <span className="jobs-title">{p.title}</span>
              <br />
              {s.documents[p.document] ?? p.document}
              {p.barcode && (
                <>
                  {" · "}
                  <span className="barcode">{p.barcode}</span>
                </>
              )}
              <br />
              <Link href={staffPath(place, `/requests/${p.request_id}`)}>{s.request(p.request_id)}</Link>
            </td>
            <td role="cell" data-label={s.printerColumn}>
              {p.printer_name ?? s.screenOnly}
              {p.emailed_to && <div className="muted">{s.emailedTo(p.emailed_to)}</div>}
            </td>
            <td role="cell" data-label={s.created}>
              {when(p.created_at)}
            </td>
            <td role="cell" data-label={s.statusColumn}>
              {s.rowStatuses[p.status]}
              {p.print_count > 0 && <div className="muted">{s.printedTimes(p.print_count)}</div>}
            </td>
            <td role="cell">
              <div className="jobs-actions">
                <a
                  href={pdfOf(p.id)}
                  target="_blank"
                  rel="noopener"
                  aria-label={`${s.openPdf}${s.forSlip(p.request_id)}`}
                >
                  {s.openPdf}
                </a>
                <Button
                  className="button"
                  isDisabled={busy === p.id}
                  onPress={() => void act(p.id, p.request_id, p.status === "queued" ? "print" : "reprint")}
                  aria-label={`${p.status === "queued" ? s.print : s.printAgain}${s.forSlip(p.request_id)}`}
                >
                  {p.status === "queued" ? s.print : s.printAgain}
                </Button>
                {p.status !== "dismissed" && (
                  <Button
                    className="button secondary"
                    isDisabled={busy === p.id}
                    onPress={() => void act(p.id, p.request_id, "dismiss")}
                    aria-label={`${s.dismiss}${s.forSlip(p.request_id)}`}
                  >
                    {s.dismiss}
                  </Button>
                )}
              </div>
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
