import * as repo from "./service-terms-repository.js";

/** The JSON that service-terms-routes.ts answers. */
export const presentTerms = (t: repo.TermsOfUseRow) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  is_digitizable: t.is_digitizable === 1,
  is_requestable: t.is_requestable === 1,
  digitization_fee: t.fee_amount && t.fee_currency ? { amount: t.fee_amount, currency: t.fee_currency } : null,
  max_pages_per_request: t.max_pages_per_request,
  created_at: t.created_at,
  updated_at: t.updated_at,
});
