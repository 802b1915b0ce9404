import { queryOptions } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import { api, unwrap } from "../shared/api/client";

/** "What may I do here": the server's answer drives the navigation and the place chooser. */
export const workspaceQuery = queryOptions({
  queryKey: ["staff-workspace"],
  queryFn: () => unwrap(api.GET("/api/v1/staff/workspace")),
  staleTime: 60_000,
  retry: false,
});

type Workspace = Awaited<ReturnType<NonNullable<typeof workspaceQuery.queryFn>>>;
export type WorkPlace = Workspace["places"][number];
export type Screens = Workspace["screens"];
export type SetupAreas = Workspace["setup_areas"];

const STORAGE_KEY = "recto.staff.place";
const keyOf = (p: WorkPlace) => `${p.kind}:${p.code}`;

function readChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

interface PlaceChoice {
  places: WorkPlace[];
  /** the place the staff member works at now; null: all their places (or none to choose) */
  current: WorkPlace | null;
  /** true when they work at several places and have not said where they are */
  mustChoose: boolean;
  choose(place: WorkPlace | null): void;
}

const PlaceContext = createContext<PlaceChoice | null>(null);

/** The place is remembered in this browser: a scan station stays at its department. */
export function PlaceProvider({ places, children }: { places: WorkPlace[]; children: ReactNode }) {
  const [choice, setChoice] = useState<string | null>(readChoice);
  const only = places.length === 1 ? places[0]! : null;
  const chosen = places.find((p) => keyOf(p) === choice) ?? null;
  const value: PlaceChoice = {
    places,
    current: only ?? chosen,
    mustChoose: places.length > 1 && chosen === null && choice !== "all",
    choose(place) {
      const key = place ? keyOf(place) : "all";
      try {
        localStorage.setItem(STORAGE_KEY, key);
      } catch {
        // private browsing: the choice lasts for this page only
      }
      setChoice(key);
    },
  };
  return <PlaceContext.Provider value={value}>{children}</PlaceContext.Provider>;
}

export function useWorkPlace(): PlaceChoice {
  const v = useContext(PlaceContext);
  if (!v) throw new Error("useWorkPlace outside PlaceProvider");
  return v;
}
