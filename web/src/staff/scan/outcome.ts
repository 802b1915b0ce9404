import { api } from "../../shared/api/client";
import type { scanText } from "./text";

type ScanTexts = (typeof scanText)["en"];

/** What one scan came to, kept in the session's list: data, put into words in the reader's language. */
export type ScanOutcome =
  | {
      ok: true;
      barcode: string;
      step: "pick" | "scan_in";
      stateAfter: string;
      requestId: string;
      title: string;
      itemDescription: string | null;
      patron: { user_id: string; name: string };
      place: string;
    }
  | {
      ok: false;
      barcode: string;
      code: string;
      /** the server's sentence, for a refusal the page has no words of its own for */
      message: string;
      requestId?: string;
      state?: string;
      step?: string;
      otherPlace?: string;
    };

interface ErrorBody {
  code?: string;
  message?: string;
  details?: { request_id?: string; state?: string; step?: string; place?: { code: string; name: string } };
}

/** Sends one scan; a refusal or a failed connection is an outcome too, never a thrown error. */
export async function sendScan(barcode: string, place: { kind: "department" | "desk"; code: string }) {
  try {
    const { data, error, response } = await api.POST("/api/v1/scan", { body: { barcode, place } });
    if (response.ok && data) {
      const r = data.request;
      return {
        ok: true,
        barcode: r.barcode,
        step: data.step,
        stateAfter: r.state_after,
        requestId: r.request_id,
        title: r.title,
        itemDescription: r.item_description,
        patron: r.patron,
        place: r.place.name,
      } satisfies ScanOutcome;
    }
    const e = (error ?? {}) as ErrorBody;
    const d = e.details ?? {};
    const code = e.code ?? (response.status === 401 ? "UNAUTHENTICATED" : "UNKNOWN");
    return {
      ok: false,
      barcode,
      code,
      message: e.message ?? response.statusText,
      ...(d.request_id ? { requestId: d.request_id } : {}),
      ...(d.state ? { state: d.state } : {}),
      ...(d.step ? { step: d.step } : {}),
      ...(d.place ? { otherPlace: `${d.place.name} (${d.place.code})` } : {}),
    } satisfies ScanOutcome;
  } catch {
    return { ok: false, barcode, code: "OFFLINE", message: "" } satisfies ScanOutcome;
  }
}

/** The headline and the sentence of an outcome. */
export function outcomeWords(s: ScanTexts, o: ScanOutcome): { headline: string; body: string } {
  if (o.ok) {
    if (o.step === "scan_in") return { headline: s.arrived, body: s.arrivedBody(o.place) };
    if (o.stateAfter === "IN_DIGITIZATION") return { headline: s.pickedHere, body: s.pickedHereBody(o.place) };
    return { headline: s.picked, body: s.pickedTransit(o.place) };
  }
  switch (o.code) {
    case "UNKNOWN_BARCODE":
      return { headline: s.unknownBarcode, body: s.unknownBarcodeBody(o.barcode) };
    case "NO_OPEN_REQUEST":
      return { headline: s.noOpenRequest, body: s.noOpenRequestBody(o.barcode) };
    case "REQUEST_AT_OTHER_PLACE":
      return { headline: s.otherPlace, body: o.otherPlace ? s.otherPlaceBody(o.otherPlace) : s.otherPlaceUnseen };
    case "NOTHING_TO_SCAN":
      return { headline: s.nothingToScan, body: (o.state && s.waiting[o.state]) || o.message };
    case "FORBIDDEN":
      return {
        headline: s.notAllowed,
        body: o.step === "pick" ? s.needsPick : o.step === "scan_in" ? s.needsScanIn : s.notCovered,
      };
    case "INVALID_STATE_TRANSITION":
      return { headline: s.problem, body: s.changed };
    case "DATABASE_BUSY":
      return { headline: s.problem, body: s.busy };
    case "UNAUTHENTICATED":
      return { headline: s.problem, body: s.sessionEnded };
    case "OFFLINE":
      return { headline: s.problem, body: s.offline };
    default:
      return { headline: s.problem, body: o.message };
  }
}
