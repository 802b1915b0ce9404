import type { Place } from "../shared/router";
import type { Screens } from "./workspace";

/** The staff app's screens in the navigation's order: the path under /staff and the workspace's screen that shows it. */
export const STAFF_SCREENS: {
  path: string;
  screen: keyof Screens;
  label: "queues" | "scan" | "placeForPatron" | "printouts" | "outbox" | "explain" | "setup";
}[] = [
  { path: "/", screen: "queues", label: "queues" },
  { path: "/scan", screen: "scan_station", label: "scan" },
  { path: "/place", screen: "place_for_patron", label: "placeForPatron" },
  { path: "/printouts", screen: "printouts", label: "printouts" },
  { path: "/outbox", screen: "outbox", label: "outbox" },
  { path: "/explain", screen: "explain", label: "explain" },
  { path: "/setup", screen: "setup", label: "setup" },
];

/** A staff page's address under the institution's base: staffPath(place, "/scan") -> "/i/CODE/staff/scan". */
export const staffPath = (place: Place, path: string): string => `${place.base}/staff${path === "/" ? "/" : path}`;
