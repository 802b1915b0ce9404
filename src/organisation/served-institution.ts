import type { Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import { findInstitutionByCode, firstInstitutions } from "./institution-repository.js";

/** The languages the web pages are written in; an institution's default outside them falls back to English. */
export const WEB_LANGUAGES = ["en", "fr", "de", "es"] as const;

const THREE_LETTER: Record<string, string> = { eng: "en", fra: "fr", fre: "fr", deu: "de", ger: "de", spa: "es" };

/** An institution's default language as one of WEB_LANGUAGES ("fra" and "fr-CA" give "fr"); English otherwise. */
export function webLanguageOf(code: string): string {
  const primary = code.toLowerCase().split(/[-_]/)[0] ?? "";
  const two = THREE_LETTER[primary] ?? primary;
  return (WEB_LANGUAGES as readonly string[]).includes(two) ? two : "en";
}

export interface ServedInstitution {
  id: number;
  code: string;
  name: string;
  default_language: string;
  languages: string[];
  /** the IANA zone the pages give times in, so staff in one institution read the same hour */
  time_zone: string;
}

/**
 * Which institution a web page serves: the one its address names (`/i/CODE/`), else the
 * server's DEFAULT_INSTITUTION, else the only institution there is. Anyone may ask: the answer
 * holds what the sign-in page shows anyway (code, name, languages, time zone), nothing about people.
 */
export async function servedInstitution(
  db: Executor,
  q: { code: string | undefined; defaultCode: string | null },
): Promise<ServedInstitution> {
  const code = q.code ?? q.defaultCode;
  let row;
  if (code !== null && code !== undefined) {
    row = await findInstitutionByCode(db, code);
    if (!row) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.institution(code) });
  } else {
    const rows = await firstInstitutions(db, 2);
    if (rows.length === 0) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.noInstitutionYet });
    if (rows.length > 1) throw new AppError("INSTITUTION_NOT_CHOSEN");
    row = rows[0]!;
  }
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    default_language: webLanguageOf(row.default_language),
    languages: [...WEB_LANGUAGES],
    time_zone: row.time_zone,
  };
}
