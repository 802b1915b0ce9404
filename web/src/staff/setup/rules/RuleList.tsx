import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, GridList, GridListItem, Link, useDragAndDrop } from "react-aria-components";
import { ApiError } from "../../../shared/api/client";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { conditionsSummary, outcomeSummary } from "./model";
import { saveOrder, setEnabled, type Rule, type RuleTable } from "./queries";
import { rulesText } from "./text";

/**
 * The table's own rules in the order they are tried. Reordered by dragging or, with the keyboard,
 * by each rule's Move up / Move down (React Aria's drag and drop also works from the keyboard
 * through the drag handle); the new order is kept only once saved, so a slip is undone in one step.
 */
export function RuleList(props: {
  table: RuleTable;
  rules: Rule[];
  href(ruleId: number): string;
  reasonLabel(code: string): string;
  announce(message: string): void;
}) {
  const x = useTexts(rulesText);
  const { number } = useI18n();
  const queryClient = useQueryClient();
  const saved = props.rules.map((r) => r.id);
  const [order, setOrder] = useState<number[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = order ?? saved;
  const byId = new Map(props.rules.map((r) => [r.id, r]));
  const items = shown.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const changed = order !== null && order.join() !== saved.join();

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["rule-table", props.table.table] });

  const move = (id: number, by: number) => {
    const from = shown.indexOf(id);
    const to = from + by;
    const name = byId.get(id)?.name ?? "";
    if (to < 0) return props.announce(x.alreadyFirst(name));
    if (to >= shown.length) return props.announce(x.alreadyLast(name));
    const next = [...shown];
    next.splice(from, 1);
    next.splice(to, 0, id);
    setOrder(next);
    props.announce(x.moved(name, number(to + 1), number(next.length)));
  };

  const { dragAndDropHooks } = useDragAndDrop({
    getItems: (keys) => [...keys].map((k) => ({ "text/plain": byId.get(Number(k))?.name ?? String(k) })),
    onReorder(e) {
      const moving = [...e.keys].map(Number);
      const rest = shown.filter((id) => !moving.includes(id));
      const at = rest.indexOf(Number(e.target.key)) + (e.target.dropPosition === "after" ? 1 : 0);
      const next = [...rest.slice(0, at), ...moving, ...rest.slice(at)];
      setOrder(next);
      const first = moving[0];
      if (first !== undefined)
        props.announce(x.moved(byId.get(first)?.name ?? "", number(next.indexOf(first) + 1), number(next.length)));
    },
  });

  const save = useMutation({
    mutationFn: () => saveOrder(props.table.table, shown),
    onSuccess: async () => {
      await refresh();
      setOrder(null);
      setProblem(null);
      props.announce(x.orderSaved);
    },
    onError: (e) => setProblem(e instanceof ApiError ? e.message : String(e)),
  });

  const toggle = useMutation({
    mutationFn: (r: Rule) => setEnabled(props.table.table, r.id, !r.enabled),
    onSuccess: async (r) => {
      await refresh();
      props.announce(r.enabled ? x.turnedOn(r.name) : x.turnedOff(r.name));
    },
    onError: (e) => setProblem(e instanceof ApiError ? e.message : String(e)),
  });

  if (items.length === 0) return <p>{x.noRules}</p>;
  return (
    <>
      <GridList
        aria-label={x.listLabel(props.table.title)}
        className="rule-list"
        items={items}
        dragAndDropHooks={dragAndDropHooks}
        keyboardNavigationBehavior="tab"
        // the rows are drawn again when what they show besides the rule changes
        dependencies={[shown, x, props.reasonLabel, toggle.isPending]}
      >
        {(rule) => (
          <GridListItem id={rule.id} textValue={rule.name} className="rule-row">
            <div className="rule-row-head" id={`rule-${rule.id}`}>
              <Button slot="drag" className="rule-drag" aria-label={x.drag(rule.name)}>
                <span aria-hidden="true">⠿</span>
              </Button>
              <span className="rule-position">{x.position(number(shown.indexOf(rule.id) + 1))}</span>
              <span className="rule-name">{rule.name}</span>
              <span className={`rule-state ${rule.enabled ? "is-on" : "is-off"}`}>{rule.enabled ? x.on : x.off}</span>
            </div>
            <RuleSummary rule={rule} kind={props.table.kind} reasonLabel={props.reasonLabel} />
            <div className="rule-actions">
              <Button
                className="button secondary small"
                aria-label={x.moveUpNamed(rule.name)}
                onPress={() => move(rule.id, -1)}
              >
                {x.moveUp}
              </Button>
              <Button
                className="button secondary small"
                aria-label={x.moveDownNamed(rule.name)}
                onPress={() => move(rule.id, 1)}
              >
                {x.moveDown}
              </Button>
              <Button
                className="button secondary small"
                aria-label={rule.enabled ? x.turnOff(rule.name) : x.turnOn(rule.name)}
                onPress={() => toggle.mutate(rule)}
                isDisabled={toggle.isPending}
              >
                {rule.enabled ? x.turnOffShort : x.turnOnShort}
              </Button>
              <Link className="rule-edit" href={props.href(rule.id)} aria-label={x.editNamed(rule.name)}>
                {x.edit}
              </Link>
            </div>
          </GridListItem>
        )}
      </GridList>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {changed && (
        <div className="rule-order-bar">
          <p>{x.orderChanged}</p>
          <Button className="button" onPress={() => save.mutate()} isPending={save.isPending}>
            {x.saveOrder}
          </Button>
          <Button className="button secondary" onPress={() => setOrder(null)}>
            {x.undoOrder}
          </Button>
        </div>
      )}
    </>
  );
}

/** A rule's conditions and outcome in words. */
export function RuleSummary(props: { rule: Rule; kind: string; reasonLabel(code: string): string }) {
  const x = useTexts(rulesText);
  return (
    <dl className="rule-summary">
      <dt>{x.ifLabel}</dt>
      <dd>{conditionsSummary(props.rule.conditions, x)}</dd>
      <dt>{x.thenLabel}</dt>
      <dd>{outcomeSummary(props.kind, props.rule.output, x, props.reasonLabel)}</dd>
    </dl>
  );
}
