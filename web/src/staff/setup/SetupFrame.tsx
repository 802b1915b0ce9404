import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-aria-components";
import type { Place } from "../../shared/router";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { workspaceQuery } from "../workspace";
import { SETUP_SECTIONS, type SetupSection } from "./sections";
import { sectionsText } from "./sections-text";
import "./setup.css";

/** The setup section's frame: its parts in the guide's order beside the part being worked on. */
export function SetupFrame(props: { place: Place; current: SetupSection; children: ReactNode }) {
  const x = useTexts(sectionsText);
  const workspace = useQuery(workspaceQuery);
  const areas = workspace.data?.setup_areas;
  const shown = SETUP_SECTIONS.filter((s) => s.nav !== false && (s.area === null || areas?.[s.area]));
  return (
    <div className="setup">
      <nav className="setup-nav" aria-label={x.navLabel}>
        <ol>
          {shown.map((s) => (
            <li key={s.slug}>
              <Link
                href={staffPath(props.place, `/setup/${s.slug}`)}
                aria-current={s === props.current ? "page" : undefined}
              >
                {s.step !== null && <span className="setup-step">{x.step(s.step)}</span>}
                <span>{x[s.label]}</span>
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <div className="setup-main">{props.children}</div>
    </div>
  );
}
