import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button, Link, RouterProvider } from "react-aria-components";
import { api, ApiError, setCsrfToken } from "../shared/api/client";
import { Page } from "../shared/components/Page";
export { LoadFailed } from "../shared/components/Status";
import { LoadFailed, Message, Redirect } from "../shared/components/Status";
import { LanguageSwitch } from "../shared/components/LanguageSwitch";
import { I18nProvider, useI18n } from "../shared/i18n";
import { navigate, usePlace, type Place } from "../shared/router";
import { institutionQuery, meQuery } from "./queries";
import { SearchPage } from "./pages/SearchPage";
import { SignInPage } from "../shared/SignInPage";
import { TitlePage } from "./pages/TitlePage";
import { RequestPage } from "./pages/RequestPage";
import { MyRequestsPage } from "./pages/MyRequestsPage";
import { OpenUrlPage } from "./pages/OpenUrlPage";
import { RequestDetailPage } from "./pages/RequestDetailPage";
import { useSessionExpiry } from "../shared/session-expiry";

export function App() {
  const place = usePlace();
  const inst = useQuery(institutionQuery(place.institutionCode));
  const me = useQuery(meQuery);
  useSessionExpiry(place, "/sign-in");
  return (
    <I18nProvider preferred={me.data?.preferred_language} institution={inst.data?.default_language}>
      <RouterProvider navigate={(href) => navigate(href)}>
        <Layout place={place} institutionName={inst.data?.name ?? null} me={me.data ?? null}>
          <Routes place={place} />
        </Layout>
      </RouterProvider>
    </I18nProvider>
  );
}

function Routes({ place }: { place: Place }) {
  const { t } = useI18n();
  const inst = useQuery(institutionQuery(place.institutionCode));
  const me = useQuery(meQuery);
  if (inst.isPending || me.isPending) return <p className="loading">{t.loading}</p>;
  if (inst.isError) {
    const code = inst.error instanceof ApiError ? inst.error.code : "";
    if (code === "INSTITUTION_NOT_CHOSEN")
      return <Message title={t.institutionNotChosenTitle} body={t.institutionNotChosenBody} />;
    if (code === "NOT_FOUND") return <Message title={t.institutionUnknownTitle} body={t.institutionUnknownBody} />;
    return <LoadFailed retry={() => void inst.refetch()} />;
  }
  if (me.isError) return <LoadFailed retry={() => void me.refetch()} />;
  const signedIn = me.data;
  if (place.path === "/sign-in")
    return (
      <SignInPage
        place={place}
        institution={inst.data}
        home={`${place.base}/`}
        intro={t.signInIntro(inst.data.name)}
        app="patron"
      />
    );
  if (!signedIn) {
    const here = `${place.base}${place.path}${place.search.size ? `?${place.search}` : ""}`;
    return <Redirect to={`${place.base}/sign-in?return=${encodeURIComponent(here)}`} />;
  }
  if (signedIn.institution_id !== inst.data.id)
    return <Message title={t.otherInstitutionTitle} body={t.otherInstitutionBody(inst.data.name)} />;
  if (place.path === "/") return <SearchPage place={place} />;
  const title = /^\/titles\/([1-9][0-9]{0,14})\/?$/.exec(place.path);
  if (title?.[1]) return <TitlePage place={place} mmsId={title[1]} />;
  const ask = /^\/titles\/([1-9][0-9]{0,14})\/request\/?$/.exec(place.path);
  if (ask?.[1]) return <RequestPage place={place} mmsId={ask[1]} />;
  if (/^\/requests\/?$/.test(place.path)) return <MyRequestsPage place={place} />;
  const request = /^\/requests\/([1-9][0-9]{0,14})\/?$/.exec(place.path);
  if (request?.[1]) return <RequestDetailPage place={place} id={request[1]} />;
  if (/^\/openurl\/?$/.test(place.path)) return <OpenUrlPage place={place} />;
  return <NotFound base={place.base} />;
}

export function NotFound({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <Page title={t.notFoundTitle}>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href={`${base}/`}>{t.backToSearch}</Link>
      </p>
    </Page>
  );
}

function Layout(props: {
  place: Place;
  institutionName: string | null;
  me: { name: string } | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const signOut = async () => {
    const { data } = await api.POST("/api/v1/auth/logout");
    setCsrfToken(null);
    // Signed in through an identity provider that offers sign-out: end that session there too.
    if (data?.end_session_url) {
      window.location.assign(data.end_session_url);
      return;
    }
    client.setQueryData(meQuery.queryKey, null);
    client.removeQueries({ predicate: (q) => !["me", "institution"].includes(String(q.queryKey[0])) });
    navigate(`${props.place.base}/sign-in`);
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToMain}
      </a>
      <header className="header">
        <div className="wrap header-row">
          <Link className="brand" href={`${props.place.base}/`}>
            <span className="brand-name">Recto</span>
            {props.institutionName && <span className="brand-institution">{props.institutionName}</span>}
          </Link>
          <LanguageSwitch />
        </div>
        {props.me && (
          <div className="wrap account">
            <Link className="account-link" href={`${props.place.base}/requests`}>
              {t.myRequests}
            </Link>
            <span>{t.signedInAs(props.me.name)}</span>
            <Button className="link-button" onPress={() => void signOut()}>
              {t.signOut}
            </Button>
          </div>
        )}
      </header>
      <main id="main" className="wrap main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
