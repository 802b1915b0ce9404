import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Switch } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { useTexts } from "../../../shared/texts";
import { lettersQuery, type Letter } from "./queries";
import { lettersText } from "./text";

/** A letter's on/off switch: the change is saved at once and said in the page's status line. */
export function EnabledSwitch({ letter, onSaid }: { letter: Letter; onSaid(message: string): void }) {
  const r = useTexts(lettersText);
  const client = useQueryClient();
  const name = r.names[letter.code] ?? letter.code;
  const change = useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(api.PATCH("/api/v1/letters/{code}", { params: { path: { code: letter.code } }, body: { enabled } })),
    onSuccess: (saved) => {
      client.setQueryData(["letters", saved.code], saved);
      // The list shows the saved state at once: left to its refetch, the switch went back to the
      // old state for a moment after the status line had said the new one.
      client.setQueryData(
        lettersQuery.queryKey,
        (list) =>
          list && {
            ...list,
            letters: list.letters.map((l) => (l.code === saved.code ? { ...l, enabled: saved.enabled } : l)),
          },
      );
      void client.invalidateQueries({ queryKey: ["letters"] });
      void client.invalidateQueries({ queryKey: ["readiness"] });
      onSaid(saved.enabled ? r.switchedOn(name) : r.switchedOff(name));
    },
    onError: () => onSaid(r.switchFailed),
  });
  const on = change.isPending ? (change.variables ?? letter.enabled) : letter.enabled;
  return (
    <Switch
      className="letter-switch"
      isSelected={on}
      isDisabled={change.isPending}
      onChange={(enabled) => change.mutate(enabled)}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-knob" />
      </span>
      <span>
        {r.enabled}
        <span className="visually-hidden"> – {name}</span>
      </span>
      <span className="switch-state" aria-hidden="true">
        ({on ? r.on : r.off})
      </span>
    </Switch>
  );
}
