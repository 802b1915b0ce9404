import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, type ReactElement } from "react";
import { Link, RouterProvider } from "react-aria-components";
import { ApiError } from "../shared/api/client";
import { Page } from "../shared/components/Page";
import { LoadFailed, Message, Redirect } from "../shared/components/Status";
import { I18nProvider, useI18n } from "../shared/i18n";
import { navigate, usePlace, type Place } from "../shared/router";
import { institutionQuery, meQuery } from "../shared/session-queries";
import { useSessionExpiry } from "../shared/session-expiry";
import { SignInPage } from "../shared/SignInPage";
import { useTexts } from "../shared/texts";
import { StaffLayout } from "./Layout";
import { OutboxPage } from "./outbox/OutboxPage";
import { PlaceForPatronPage } from "./place-for-patron/PlaceForPatronPage";
import { ChoosePlacePage } from "./ChoosePlacePage";
import { PrintoutsPage } from "./printouts/PrintoutsPage";
import { QueuesPage } from "./queues/QueuesPage";
import { RequestPage } from "./request/RequestPage";
import { ScanStationPage } from "./scan/ScanStationPage";
import { ExplainPage } from "./setup/explain/ExplainPage";
import { STAFF_SCREENS, staffPath } from "./screens";
import { shellText } from "./text";
import { PlaceProvider, useWorkPlace, workspaceQuery, type Screens, type SetupAreas } from "./workspace";

export function StaffApp() {
  const place = usePlace();
  const inst = useQuery(institutionQuery(place.institutionCode));
  const me = useQuery(meQuery);
  const workspace = useQuery({ ...workspaceQuery, enabled: !!me.data });
  useSessionExpiry(place, "/staff/sign-in");
  return (
    <I18nProvider preferred={me.data?.preferred_language} institution={inst.data?.default_language}>
      <RouterProvider navigate={(href) => navigate(href)}>
        <PlaceProvider places={workspace.data?.places ?? []}>
          <StaffLayout
            place={place}
            institutionName={inst.data?.name ?? null}
            me={me.data ?? null}
            screens={workspace.data?.screens ?? null}
          >
            <Routes place={place} />
          </StaffLayout>
        </PlaceProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

/** The staff pages, by path under /staff; each shows only when the workspace gives its screen. */
const pages: { path: RegExp; screen: keyof Screens | null; page(place: Place, id: string): ReactElement }[] = [
  { path: /^\/$/, screen: "queues", page: (place) => <QueuesPage place={place} /> },
  { path: /^\/scan$/, screen: "scan_station", page: (place) => <ScanStationPage place={place} /> },
  { path: /^\/place$/, screen: "place_for_patron", page: (place) => <PlaceForPatronPage place={place} /> },
  { path: /^\/printouts$/, screen: "printouts", page: (place) => <PrintoutsPage place={place} /> },
  { path: /^\/outbox$/, screen: "outbox", page: (place) => <OutboxPage place={place} /> },
  // Explain is also a setup part; here it is for the desk staff who have it without setup.
  { path: /^\/explain$/, screen: "explain", page: (place) => <ExplainPage place={place} /> },
  { path: /^\/setup(\/.*)?$/, screen: "setup", page: (place) => <LazySetup place={place} /> },
  {
    path: /^\/requests\/([1-9][0-9]{0,14})$/,
    screen: "queues",
    page: (place, id) => <RequestPage place={place} id={id} />,
  },
];

function Routes({ place }: { place: Place }) {
  const { t } = useI18n();
  const s = useTexts(shellText);
  const inst = useQuery(institutionQuery(place.institutionCode));
  const me = useQuery(meQuery);
  const workspace = useQuery({ ...workspaceQuery, enabled: !!me.data });
  const choice = useWorkPlace();
  const sub = place.path.replace(/^\/staff/, "").replace(/(.)\/$/, "$1") || "/";
  if (inst.isPending || me.isPending) return <p className="loading">{t.loading}</p>;
  if (inst.isError) {
    const code = inst.error instanceof ApiError ? inst.error.code : "";
    if (code === "INSTITUTION_NOT_CHOSEN")
      return <Message title={t.institutionNotChosenTitle} body={t.institutionNotChosenBody} />;
    if (code === "NOT_FOUND") return <Message title={t.institutionUnknownTitle} body={t.institutionUnknownBody} />;
    return <LoadFailed retry={() => void inst.refetch()} />;
  }
  if (me.isError) return <LoadFailed retry={() => void me.refetch()} />;
  if (sub === "/sign-in")
    return (
      <SignInPage
        place={place}
        institution={inst.data}
        home={staffPath(place, "/")}
        intro={s.signInIntro(inst.data.name)}
        app="staff"
      />
    );
  if (!me.data) {
    const here = `${place.base}${place.path}${place.search.size ? `?${place.search}` : ""}`;
    return <Redirect to={`${staffPath(place, "/sign-in")}?return=${encodeURIComponent(here)}`} />;
  }
  if (me.data.institution_id !== inst.data.id)
    return <Message title={t.otherInstitutionTitle} body={t.otherInstitutionBody(inst.data.name)} />;
  if (workspace.isPending) return <p className="loading">{t.loading}</p>;
  if (workspace.isError) return <LoadFailed retry={() => void workspace.refetch()} />;
  const screens = workspace.data.screens;
  if (!Object.values(screens).some(Boolean)) {
    return (
      <Page title={s.notStaffTitle}>
        <p>{s.notStaffBody}</p>
        <p>
          <Link href={`${place.base}/`}>{s.toPatronPages}</Link>
        </p>
      </Page>
    );
  }
  // Someone who scans and picks at several places says which one first: the station and its
  // queues are one place's. Those who only decide or oversee (approvals, the desk) start on all.
  const atStation = screens.scan_station && (sub === "/" || sub === "/scan");
  if (sub === "/choose-place" || (choice.mustChoose && atStation)) return <ChoosePlacePage />;
  for (const p of pages) {
    const m = p.path.exec(sub);
    if (!m) continue;
    if (p.screen && !screens[p.screen]) {
      // The first screen with work for this user is their home; others say there is nothing here.
      if (sub === "/") return <Redirect to={firstScreen(place, screens, workspace.data.setup_areas)} />;
      return <Message title={s.noWorkTitle} body={s.noWorkBody} />;
    }
    return p.page(place, m[1] ?? "");
  }
  return (
    <Page title={t.notFoundTitle}>
      <p>{t.notFoundBody}</p>
    </Page>
  );
}

// The setup section is an administrator's occasional work: loaded when first opened, so the daily
// screens (queues, the scan station) start without its code.
const SetupRoute = lazy(() => import("./setup/SetupRoute"));

function LazySetup({ place }: { place: Place }) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className="loading">{t.loading}</p>}>
      <SetupRoute place={place} />
    </Suspense>
  );
}

function firstScreen(place: Place, screens: Screens, areas: SetupAreas): string {
  const work = screens.queues || screens.scan_station || screens.place_for_patron;
  if (!work && screens.setup && areas.fulfillment) return staffPath(place, "/setup");
  const home = STAFF_SCREENS.find((x) => screens[x.screen]);
  return staffPath(place, home ? home.path : "/choose-place");
}
