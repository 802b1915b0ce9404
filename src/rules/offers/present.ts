import type { ServiceAnswer } from "./services-offered.js";

/** The JSON of services offered (DOMAIN 4): ids as strings, and the request-options shape. */

export const presentService = (s: ServiceAnswer) => ({ ...s, item_id: s.item_id === null ? null : String(s.item_id) });

const desc = { DIGITIZATION: "Digitization", GENERAL_DIGITIZATION: "General digitization" } as const;
export const requestOptions = (services: ServiceAnswer[]) => ({
  request_option: services
    .filter((s) => s.offered)
    .map((s) => ({ type: { value: s.type, desc: desc[s.type] }, reason: s.reason })),
});
