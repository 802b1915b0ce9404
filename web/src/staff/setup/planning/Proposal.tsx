import { useEffect, useRef } from "react";
import { Button } from "react-aria-components";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import type { PlanAnswer, PlanChange } from "./plan-form";
import { planningText } from "./text";

type Words = (typeof planningText)["en"];
type Kind = PlanChange["kind"];

const ORDER: Kind[] = [
  "library",
  "printer",
  "department",
  "desk",
  "user_group",
  "delivery_rule",
  "display_rule",
  "digitization_default",
  "letter",
  "role",
];

/** The dry run's changes, grouped as the setup guide's steps are, for the administrator to confirm. */
export function Proposal(props: { answer: PlanAnswer; pending: boolean; confirm(): void; back(): void }) {
  const x = useTexts(planningText);
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const list = (codes: string[]) => codes.join(", ");
  return (
    <section className="plan-proposal" aria-labelledby="plan-proposal-title">
      <h2 id="plan-proposal-title" tabIndex={-1} ref={heading}>
        {x.proposal}
      </h2>
      <p>{x.proposalIntro}</p>
      {ORDER.map((kind) => {
        const changes = props.answer.changes.filter((c) => c.kind === kind);
        if (changes.length === 0) return null;
        return (
          <div key={kind} className="plan-group">
            <h3>{x.groups[kind]}</h3>
            <ul>
              {changes.map((c, i) => (
                <li key={i}>
                  <span className={`plan-action is-${c.action}`}>{x.actions[c.action]}</span>{" "}
                  {sentence(c, x, (m) => t.materialTypes[m as keyof typeof t.materialTypes] ?? m, list)}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <div className="plan-buttons">
        <Button className="button" onPress={props.confirm} isDisabled={props.pending}>
          {props.pending ? x.creating : x.confirm}
        </Button>
        <Button className="button secondary" onPress={props.back} isDisabled={props.pending}>
          {x.changeAnswers}
        </Button>
      </div>
    </section>
  );
}

function sentence(c: PlanChange, x: Words, material: (m: string) => string, list: (s: string[]) => string): string {
  switch (c.kind) {
    case "library":
      return `${c.name} (${c.code})`;
    case "printer":
      return `${c.name} (${c.code}): ${c.email ? x.byEmail(c.email) : x.onScreen}`;
    case "department":
      return `${c.name} (${c.code}): ${x.serves(list(c.serves))}, ${x.days(c.work_time_days)}${
        c.printer ? `, ${x.printsOn(c.printer)}` : ""
      }`;
    case "desk":
      return `${c.name} (${c.code}): ${x.deskOf(c.library)}, ${x.days(c.work_time_days)}`;
    case "user_group":
      return `${c.name} (${c.code}): ${x.limit(c.max_requests)}`;
    case "delivery_rule":
      return x.deliverTo(list(c.groups));
    case "display_rule":
      return x.hideTypes(list(c.material_types.map(material)));
    case "digitization_default":
      return `${x.target(c.target, c.max_views, c.link_expiry_days)}; ${x.approval(
        c.approval_required,
        c.copyright_clearance_required,
        c.approval_mode,
        c.approval_reason,
      )}`;
    case "letter":
      return `${x.letters[c.code] ?? c.code}: ${x.letterOn}`;
    case "role":
      return `${c.user_name} (${c.user}): ${x.roleAt(x.roles[c.role] ?? c.role, c.scope)}`;
  }
}
