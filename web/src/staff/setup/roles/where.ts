import type { Grant } from "./queries";

/** Where a grant holds, in words: the whole institution, or the place's name and code. */
export function whereOf(g: Pick<Grant, "scope_type" | "scope_name" | "scope_code">, institution: string): string {
  if (g.scope_type === "institution") return institution;
  return g.scope_name ? `${g.scope_name} (${g.scope_code ?? ""})` : (g.scope_code ?? "");
}

export const personOf = (u: { first_name: string; last_name: string; primary_id: string }) =>
  `${[u.first_name, u.last_name].filter(Boolean).join(" ")} (${u.primary_id})`;
