import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button, Link } from "react-aria-components";
import { api, setCsrfToken } from "../shared/api/client";
import { LanguageSwitch } from "../shared/components/LanguageSwitch";
import { useI18n } from "../shared/i18n";
import { navigate, type Place } from "../shared/router";
import { useTexts } from "../shared/texts";
import { STAFF_SCREENS, staffPath } from "./screens";
import { shellText } from "./text";
import { useWorkPlace, type Screens } from "./workspace";

/** The staff app's frame: who is signed in, the screens with work for them, where they work. */
export function StaffLayout(props: {
  place: Place;
  institutionName: string | null;
  me: { name: string } | null;
  screens: Screens | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const s = useTexts(shellText);
  const client = useQueryClient();
  const signOut = async () => {
    const { data } = await api.POST("/api/v1/auth/logout");
    setCsrfToken(null);
    // Signed in through an identity provider that offers sign-out: end that session there too.
    if (data?.end_session_url) {
      window.location.assign(data.end_session_url);
      return;
    }
    client.clear();
    navigate(staffPath(props.place, "/sign-in"));
  };
  const here = props.place.path.replace(/^\/staff/, "") || "/";
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToMain}
      </a>
      <header className="header staff-header">
        <div className="wrap header-row">
          <Link className="brand" href={staffPath(props.place, "/")}>
            <span className="brand-name">{s.appName}</span>
            {props.institutionName && <span className="brand-institution">{props.institutionName}</span>}
          </Link>
          <LanguageSwitch />
        </div>
        {props.me && (
          <div className="wrap account">
            {props.screens && <PlaceSwitch />}
            <span>{t.signedInAs(props.me.name)}</span>
            <Button className="link-button" onPress={() => void signOut()}>
              {t.signOut}
            </Button>
          </div>
        )}
        {props.screens && Object.values(props.screens).some(Boolean) && (
          <nav className="wrap staff-nav" aria-label={s.navLabel}>
            <ul>
              {STAFF_SCREENS.filter((x) => props.screens?.[x.screen]).map((x) => {
                const current = x.path === "/" ? here === "/" || here.startsWith("/requests") : here.startsWith(x.path);
                return (
                  <li key={x.path}>
                    <Link href={staffPath(props.place, x.path)} aria-current={current ? "page" : undefined}>
                      {s[x.label]}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="wrap main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}

/** Where the staff member works now, changed in place (the browser's own select: every keyboard knows it). */
function PlaceSwitch() {
  const s = useTexts(shellText);
  const { places, current, choose, mustChoose } = useWorkPlace();
  if (places.length < 2) return current ? <span>{`${s.workingAt}: ${current.name}`}</span> : null;
  // Not "all my places" while the page asks where they work: the header says nothing is chosen yet.
  const value = current ? `${current.kind}:${current.code}` : mustChoose ? "" : "all";
  return (
    <label className="place-switch">
      <span>{s.workingAt}</span>
      <select
        className="select"
        value={value}
        onChange={(e) => choose(places.find((p) => `${p.kind}:${p.code}` === e.target.value) ?? null)}
      >
        {mustChoose && (
          <option value="" disabled>
            {s.notChosen}
          </option>
        )}
        <option value="all">{s.allPlaces}</option>
        {places.map((p) => (
          <option key={`${p.kind}:${p.code}`} value={`${p.kind}:${p.code}`}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
