import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { findInstitutionByCode } from "../../organisation/institution-repository.js";
import { findProvider } from "../providers-repository.js";

/** An enabled SAML provider of the institution, by the codes in its addresses; anything else is simply not found. */
export async function samlProviderAt(db: Db, institutionCode: string, providerCode: string) {
  const institution = await findInstitutionByCode(db, institutionCode);
  const provider = institution && (await findProvider(db, institution.id, { code: providerCode }));
  if (!provider || provider.protocol !== "saml" || !provider.enabled) throw new AppError("NOT_FOUND");
  return provider;
}
