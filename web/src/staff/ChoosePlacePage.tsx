import { Button } from "react-aria-components";
import { Page } from "../shared/components/Page";
import { useTexts } from "../shared/texts";
import { shellText } from "./text";
import { useWorkPlace } from "./workspace";

/** Someone who works at several places says where they are today; the header's switch changes it later. */
export function ChoosePlacePage() {
  const s = useTexts(shellText);
  const { places, choose } = useWorkPlace();
  return (
    <Page title={s.chooseTitle}>
      <p className="lead">{s.chooseIntro}</p>
      <ul className="place-list">
        {places.map((p) => (
          <li key={`${p.kind}:${p.code}`} className="place-card">
            <h2>{p.name}</h2>
            <p className="muted">
              {s.placeKind[p.kind]}
              {p.library ? ` · ${p.library}` : ""} · {p.roles.map((r) => s.roleNames[r] ?? r).join(", ")}
            </p>
            <Button className="button secondary" onPress={() => choose(p)} aria-label={`${s.choose}: ${p.name}`}>
              {s.choose}
            </Button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
