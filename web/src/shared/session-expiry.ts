import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { setCsrfToken } from "./api/client";
import { SESSION_EXPIRED } from "./preserved-form";
import { navigate, type Place } from "./router";
import { meQuery } from "./session-queries";

/**
 * When the API says the session has ended, the forms have already kept what was typed
 * (preserved-form.ts); this sends the user to sign in, saying why, and back to this page after.
 * Both apps use it, each with its own sign-in page ("/sign-in", "/staff/sign-in").
 */
export function useSessionExpiry(place: Place, signInPath: string): void {
  const client = useQueryClient();
  useEffect(() => {
    const onExpired = () => {
      // Only a session that was there has ended: signed-out pages are sent to sign in by the router.
      if (place.path === signInPath || !client.getQueryData(meQuery.queryKey)) return;
      const here = `${place.base}${place.path}${place.search.size ? `?${place.search}` : ""}`;
      setCsrfToken(null);
      navigate(`${place.base}${signInPath}?expired=1&return=${encodeURIComponent(here)}`);
      client.setQueryData(meQuery.queryKey, null);
      client.removeQueries({ predicate: (q) => !["me", "institution"].includes(String(q.queryKey[0])) });
    };
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, [client, place.base, place.path, place.search, signInPath]);
}
