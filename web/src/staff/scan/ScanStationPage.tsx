import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, Link } from "react-aria-components";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { shellText } from "../text";
import { useWorkPlace, workspaceQuery, type WorkPlace } from "../workspace";
import { beep, readLog, readSound, storeLog, storeSound } from "./feedback";
import { outcomeWords, sendScan, type ScanOutcome } from "./outcome";
import { scanText } from "./text";
import "./scan.css";

interface ScanEntry {
  id: number;
  at: string;
  outcome: ScanOutcome;
}

/** The roles that pick or scan in (the server decides; this only spares a place where every scan would be refused). */
const scansAt = (p: WorkPlace) => p.roles.some((r) => r === "REQUESTS_OPERATOR" || r === "WORK_ORDER_OPERATOR");

/** The scan station: a scan is made for one place, so without one it asks which. */
export function ScanStationPage({ place }: { place: Place }) {
  const { current } = useWorkPlace();
  if (current && scansAt(current)) return <ScanStation place={place} workPlace={current} />;
  return <ChooseScanPlace current={current} />;
}

function ChooseScanPlace({ current }: { current: WorkPlace | null }) {
  const s = useTexts(scanText);
  const shell = useTexts(shellText);
  const { places, choose } = useWorkPlace();
  const usable = places.filter(scansAt);
  return (
    <Page title={shell.scan}>
      {current && (
        <div className="notice">
          <p>{s.notHere(current.name)}</p>
        </div>
      )}
      <h2>{s.choosePlace}</h2>
      <p>{s.choosePlaceIntro}</p>
      {usable.length === 0 ? (
        <p>{s.noScanPlace}</p>
      ) : (
        <ul className="place-list">
          {usable.map((p) => (
            <li key={`${p.kind}:${p.code}`} className="place-card">
              <h3>{p.name}</h3>
              <p className="muted">
                {shell.placeKind[p.kind]}
                {p.library ? ` · ${p.library}` : ""}
              </p>
              <Button className="button secondary" onPress={() => choose(p)}>
                {s.scanFor(p.name)}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function ScanStation({ place, workPlace }: { place: Place; workPlace: WorkPlace }) {
  const s = useTexts(scanText);
  const shell = useTexts(shellText);
  const [value, setValue] = useState("");
  const [latest, setLatest] = useState<ScanEntry | null>(null);
  const user = useQuery(workspaceQuery).data?.user.user_id ?? "";
  const [log, setLog] = useState<ScanEntry[]>(() => readLog<ScanEntry>(user));
  const [sound, setSound] = useState(readSound);
  const field = useRef<HTMLInputElement>(null);
  const counter = useRef(log.reduce((n, e) => Math.max(n, e.id), 0));

  // The field is where a scanner types: focused on arrival and whenever the place changes. This
  // effect runs after Page's (a child's effects run first), so it wins over the heading's focus.
  useEffect(() => field.current?.focus(), [workPlace.kind, workPlace.code]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const barcode = value.trim();
    setValue("");
    field.current?.focus();
    if (!barcode) return;
    // Emptied first, so that the same words twice in a row are still announced.
    setLatest(null);
    const outcome = await sendScan(barcode, { kind: workPlace.kind, code: workPlace.code });
    const entry = { id: ++counter.current, at: new Date().toISOString(), outcome };
    setLatest(entry);
    setLog((old) => {
      const next = [entry, ...old];
      storeLog(user, next);
      return next;
    });
    if (sound) beep(outcome.ok);
    field.current?.focus();
  };

  const clearLog = () => {
    setLog([]);
    storeLog(user, []);
    field.current?.focus();
  };

  return (
    <Page title={shell.scan}>
      <p className="lead">{s.intro(workPlace.name)}</p>
      <form className="scan-form" onSubmit={(e) => void submit(e)}>
        <label className="label scan-label" htmlFor="scan-barcode">
          {s.barcode}
        </label>
        <p className="hint" id="scan-hint">
          {s.whatHappens}
        </p>
        <div className="scan-row">
          <input
            ref={field}
            id="scan-barcode"
            name="barcode"
            className="input scan-input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby="scan-hint"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="go"
          />
          <button type="submit" className="button scan-button">
            {s.scan}
          </button>
        </div>
      </form>
      <div role="status" className="scan-region">
        {latest?.outcome.ok && <ScanResult entry={latest} place={place} />}
      </div>
      <div role="alert" className="scan-region">
        {latest && !latest.outcome.ok && <ScanResult entry={latest} place={place} />}
      </div>
      <div className="tick-row scan-sound">
        <input
          type="checkbox"
          id="scan-sound"
          checked={sound}
          onChange={(e) => {
            setSound(e.target.checked);
            storeSound(e.target.checked);
          }}
        />
        <label htmlFor="scan-sound">{s.sound}</label>
      </div>
      <ScanLog entries={log} place={place} onClear={clearLog} />
    </Page>
  );
}

/** The answer to the last scan, large: a tick or a cross, and words (never colour alone). */
function ScanResult({ entry, place }: { entry: ScanEntry; place: Place }) {
  const s = useTexts(scanText);
  const o = entry.outcome;
  const { headline, body } = outcomeWords(s, o);
  return (
    <div className={`scan-result ${o.ok ? "scan-ok" : "scan-refused"}`}>
      <p className="scan-headline">
        <span className="scan-mark" aria-hidden="true">
          {o.ok ? "✓" : "✗"}
        </span>
        <span className="visually-hidden">{o.ok ? s.ok : s.failed}: </span>
        {headline}
      </p>
      <p className="scan-body">{body}</p>
      {o.ok && (
        <p className="scan-facts">
          <span className="scan-title">{o.title}</span>
          {o.itemDescription ? ` · ${o.itemDescription}` : ""} · <span className="barcode">{o.barcode}</span>
          <br />
          {s.forPatron(o.patron.name, o.patron.user_id)}
        </p>
      )}
      {o.requestId && (
        <p>
          <Link href={staffPath(place, `/requests/${o.requestId}`)}>{s.openRequest(o.requestId)}</Link>
        </p>
      )}
    </div>
  );
}

/** This session's scans, newest first, each with its request. */
function ScanLog({ entries, place, onClear }: { entries: ScanEntry[]; place: Place; onClear(): void }) {
  const s = useTexts(scanText);
  const { lang } = useI18n();
  const time = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
  return (
    <section className="scan-log" aria-labelledby="scan-log-title">
      <h2 id="scan-log-title">{s.log}</h2>
      {entries.length === 0 ? (
        <p className="muted">{s.logEmpty}</p>
      ) : (
        <>
          <ol className="scan-log-list" aria-label={s.logLabel}>
            {entries.map((e) => {
              const o = e.outcome;
              const { headline } = outcomeWords(s, o);
              return (
                <li key={e.id} className={o.ok ? "scan-log-ok" : "scan-log-refused"}>
                  <span className="scan-log-mark" aria-hidden="true">
                    {o.ok ? "✓" : "✗"}
                  </span>
                  <span className="visually-hidden">{o.ok ? s.ok : s.failed}: </span>
                  <time dateTime={e.at}>{time.format(new Date(e.at))}</time> ·{" "}
                  <span className="barcode">{o.barcode}</span> · <strong>{headline}</strong>
                  {o.ok && <span className="scan-log-title"> · {o.title}</span>}
                  {o.requestId && (
                    <>
                      {" · "}
                      <Link href={staffPath(place, `/requests/${o.requestId}`)}>{s.openRequest(o.requestId)}</Link>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
          <Button className="button secondary" onPress={onClear}>
            {s.clearLog}
          </Button>
        </>
      )}
    </section>
  );
}
