import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../shared/i18n";
import { usePlace } from "../shared/router";
import { institutionQuery } from "../shared/session-queries";

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const NAMED: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

function zoneFormat(lang: string, zone: string | undefined): Intl.DateTimeFormat {
  const plain: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  if (zone === undefined || zone === LOCAL_ZONE) return new Intl.DateTimeFormat(lang, plain);
  try {
    return new Intl.DateTimeFormat(lang, { ...NAMED, timeZone: zone });
  } catch {
    // a zone this browser does not know: its own zone is better than no date
    return new Intl.DateTimeFormat(lang, plain);
  }
}

/**
 * Dates with their time, in the institution's time zone: a desk and a scanning department in
 * different zones (or a laptop left on another zone) read the same hour for the same step. When
 * that zone is not the browser's, the time names it ("EST"), so nobody takes it for a local one.
 */
export function useDateTime(): (iso: string) => string {
  const { lang } = useI18n();
  const place = usePlace();
  const inst = useQuery(institutionQuery(place.institutionCode));
  const f = zoneFormat(lang, inst.data?.time_zone);
  return (iso) => f.format(new Date(iso));
}
