import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
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
  /** the address names the thing by code, and the list that resolves it is still loading, or has no such code */
  lookup?: "pending" | "missing";
  children(item: T | null): ReactNode;
}) {
  const f = useTexts(formsText);
  const { t } = useI18n();
  const existing = props.id !== null && props.id > 0;
  const query = useQuery({
    queryKey: props.query.queryKey,
    queryFn: () => props.query.queryFn(),
    enabled: existing,
  });
  const title = props.id === null ? props.newTitle : query.data ? f.edit(query.data.name) : props.list.title;
  const ready = props.id === null || query.data !== undefined;
  // A fix address of the readiness check may point into the form (#operators, #work-time).
  useEffect(() => {
    if (!ready || !location.hash) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [ready]);
  return (
    <Page title={title}>
      <p>
        <Link href={staffPath(props.place, props.list.path)}>{f.backToList(props.list.title)}</Link>
      </p>
      {props.lookup === "missing" && <p>{f.notFound}</p>}
      {(props.lookup === "pending" || (existing && query.isPending)) && <p className="loading">{t.loading}</p>}
      {existing && query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {(props.id === null || (existing && query.data)) && props.children(query.data ?? null)}
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
  /** the list the address is resolved from: the saved thing goes in at once, so its new address finds it */
  list?: readonly unknown[];
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
      if (options.list)
        client.setQueryData<T[]>(options.list, (old) => old && [...old.filter((x) => x.id !== saved.id), saved]);
      for (const key of options.lists) void client.invalidateQueries({ queryKey: key });
      // after a creation, and after a change of code where the address names the code
      navigate(staffPath(options.place, options.pathOf(saved)), { replace: true });
    },
    onError: (e) => {
      options.form.setSaved("");
      options.form.setProblems(problemsOf(e, options.fieldIds, options.failed));
    },
  });
}
