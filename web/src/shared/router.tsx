import { useSyncExternalStore } from "react";

/**
 * A small router on the History API: the address is the state (search terms, filters and page
 * are in it, so a search can be shared and the back button does what one expects). Every page
 * exists at / and under an institution's own address, /i/CODE/ (its "base").
 */
export interface Place {
  /** "" or "/i/CODE" */
  base: string;
  institutionCode: string | null;
  /** the path after the base, always starting with "/" */
  path: string;
  search: URLSearchParams;
}

const CHANGE = "recto:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => location.pathname + location.search;

export function parsePlace(url: string): Place {
  const u = new URL(url, location.origin);
  const m = /^\/i\/([^/]+)(\/.*)?$/.exec(u.pathname);
  const code = m?.[1] ? decodeURIComponent(m[1]) : null;
  return {
    base: m?.[1] ? `/i/${m[1]}` : "",
    institutionCode: code,
    path: m ? (m[2] ?? "/") : u.pathname,
    search: u.searchParams,
  };
}

export function usePlace(): Place {
  const url = useSyncExternalStore(subscribe, snapshot);
  return parsePlace(url);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

/** A place to come back to after signing in: a path of this site only (never another origin). */
export function safeReturn(value: string | null, fallback: string): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}
