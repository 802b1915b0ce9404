import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState, type ReactNode } from "react";
import { Link } from "react-aria-components";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { workspaceQuery } from "../workspace";
import { navEntries, SETUP_SECTIONS, type SetupSection } from "./sections";
import { sectionsText } from "./sections-text";
import "./setup.css";

/** The setup section's frame: its parts in the guide's order, under their step's number, beside the part being worked on. */
export function SetupFrame(props: { place: Place; current: SetupSection; children: ReactNode }) {
  const x = useTexts(sectionsText);
  const workspace = useQuery(workspaceQuery);
  const areas = workspace.data?.setup_areas;
  const shown = SETUP_SECTIONS.filter((s) => s.nav !== false && (s.area === null || areas?.[s.area]));
  const wide = useWide();
  const stepId = useId();
  const link = (s: SetupSection) => (
    <Link href={staffPath(props.place, `/setup/${s.slug}`)} aria-current={s === props.current ? "page" : undefined}>
      {x[s.label]}
    </Link>
  );
  const nav = (
    <nav className="setup-nav" aria-label={x.navLabel}>
      <ol>
        {navEntries(shown).map(({ step, parts }) =>
          step === null ? (
            <li key={parts[0]!.slug}>{link(parts[0]!)}</li>
          ) : (
            <li key={parts[0]!.slug} className="setup-nav-step">
              <span className="setup-step" id={`${stepId}-${step}`}>
                {x.step(step)}
              </span>
              <ul aria-labelledby={`${stepId}-${step}`}>
                {parts.map((s) => (
                  <li key={s.slug}>{link(s)}</li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
  return (
    <div className="setup">
      {wide ? (
        nav
      ) : (
        // On a phone the parts' list would fill the first screen: folded under the part being worked on.
        <details className="setup-nav-fold">
          <summary>{`${x.navLabel}: ${x[props.current.label]}`}</summary>
          {nav}
        </details>
      )}
      <div className="setup-main">{props.children}</div>
    </div>
  );
}

const WIDE = "(min-width: 60rem)";

/** Whether the window is wide enough for the parts' list beside the work; follows resizing. */
function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    const change = () => setWide(query.matches);
    query.addEventListener("change", change);
    return () => query.removeEventListener("change", change);
  }, []);
  return wide;
}
