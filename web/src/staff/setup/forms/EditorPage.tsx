import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-aria-components";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { navigate, type Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import type { Problem } from "../../../shared/components/ErrorSummary";
import { problemsOf } from "./forms";
import { formsText } from "./text";

/** A thing of the setup that has a code and a name, as its API answers it. */
interface Named {
  id: number;
  name: string;
}

/**
 * The page of one thing of the setup, new (id null) or existing: its title, the way back to its
 * list, its loading states, then its form. New and existing are one component at one place, so
 * after a creation the address moves to the new thing and the form, with its saved message, stays.
 */
export function EditorPage<T extends Named>(props: {
  place: Place;
  id: number | null;
  list: { path: string; title: string };
  newTitle: string;
  query: { queryKey: readonly unknown[]; queryFn(): Promise<T> };
  children(item: T | null): ReactNode;
}) {
  const f = useTexts(formsText);
  const { t } = useI18n();
  const query = useQuery({
    queryKey: props.query.queryKey,
    queryFn: () => props.query.queryFn(),
    enabled: props.id !== null,
  });
  const title = props.id === null ? props.newTitle : query.data ? f.edit(query.data.name) : props.list.title;
  return (
    <Page title={title}>
      <p>
        <Link href={staffPath(props.place, props.list.path)}>{f.backToList(props.list.title)}</Link>
      </p>
      {props.id !== null && query.isPending && <p className="loading">{t.loading}</p>}
      {props.id !== null && query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {(props.id === null || query.data) && props.children(query.data ?? null)}
    </Page>
  );
}

/**
 * The save of a setup form: create or change, then the saved thing in the cache under its own
 * key, its list refreshed, the announcement, and after a creation the address of the new thing.
 */
export function useSave<T extends Named>(options: {
  place: Place;
  form: { setProblems(p: Problem[]): void; setSaved(s: string): void };
  existing: boolean;
  save(): Promise<T>;
  keyOf(saved: T): readonly unknown[];
  lists: (readonly unknown[])[];
  pathOf(saved: T): string;
  fieldIds: Record<string, string>;
  failed: string;
}) {
  const f = useTexts(formsText);
  const client = useQueryClient();
  return useMutation({
    mutationFn: options.save,
    onSuccess: (saved) => {
      options.form.setProblems([]);
      options.form.setSaved(options.existing ? f.saved(saved.name) : f.created(saved.name));
      client.setQueryData(options.keyOf(saved), saved);
      for (const key of options.lists) void client.invalidateQueries({ queryKey: key });
      if (!options.existing) navigate(staffPath(options.place, options.pathOf(saved)), { replace: true });
    },
    onError: (e) => {
      options.form.setSaved("");
      options.form.setProblems(problemsOf(e, options.fieldIds, options.failed));
    },
  });
}
