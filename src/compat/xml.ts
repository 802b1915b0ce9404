import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { parseSafeXml, toJson, XmlReadError } from "../shared/safe-xml.js";

/*
 * The reference platform's API speaks XML as well as JSON (docs/compatibility.md, "XML").
 * Reading: a <user_request> document becomes the same object as the platform's JSON, so one
 * schema checks both; entities are never expanded (shared/safe-xml.ts). Writing: any JSON answer
 * of /almaws is written as the platform's XML.
 */

const ROOT = "user_request";
const PAGE_RANGES = "required_pages_range";

type Node = string | { [key: string]: unknown };

/** `<required_pages_range><required_pages_range>…` (the platform's) or repeated ranges side by side. */
function pageRangesOf(nodes: Node[]): unknown[] {
  const ranges: unknown[] = [];
  for (const node of nodes) {
    if (typeof node === "object" && node !== null && PAGE_RANGES in node) {
      ranges.push(...(node[PAGE_RANGES] as unknown[]).map(toJson));
    } else if (node !== "") {
      ranges.push(toJson(node));
    }
  }
  return ranges;
}

/** Reads the platform's <user_request> XML into the object its JSON would be. */
export function parseUserRequestXml(text: string): Record<string, unknown> {
  try {
    // The ranges are a list whether one or many are sent, in the wrapped or the flat form.
    const { node: root } = parseSafeXml(
      text,
      [ROOT],
      (jpath) => jpath === `${ROOT}.${PAGE_RANGES}` || jpath === `${ROOT}.${PAGE_RANGES}.${PAGE_RANGES}`,
    );
    if (typeof root !== "object" || root === null) return {};
    const { [PAGE_RANGES]: ranges, ...rest } = root as Record<string, unknown>;
    const out = toJson(rest);
    const body: Record<string, unknown> =
      typeof out === "object" && out !== null ? (out as Record<string, unknown>) : {};
    if (ranges !== undefined) body[PAGE_RANGES] = pageRangesOf(ranges as Node[]);
    return body;
  } catch (err) {
    if (err instanceof XmlReadError) throw new AppError("MALFORMED_BODY", { message: err.message });
    throw err;
  }
}

export const XML_CONTENT_TYPES = ["application/xml", "text/xml"];

const isXmlType = (type: string) => type === "application/xml" || type === "text/xml" || type.endsWith("+xml");
const isJsonType = (type: string) => type === "application/json" || type.endsWith("+json");

/** The best of JSON and XML by the Accept header's q-values, or null when it names neither. */
function fromAccept(accept: string): "json" | "xml" | null {
  let best: { format: "json" | "xml"; q: number } | null = null;
  for (const range of accept.split(",")) {
    const [type = "", ...params] = range.trim().toLowerCase().split(";");
    const format = isXmlType(type.trim()) ? "xml" : isJsonType(type.trim()) ? "json" : null;
    if (!format) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isNaN(q) || q <= 0) continue;
    if (!best || q > best.q) best = { format, q };
  }
  return best?.format ?? null;
}

/**
 * The format of the answer: the platform's `format=xml|json` query parameter, else Accept, else
 * the format of the body sent (XML for an XML body), else JSON.
 */
export function answerFormat(req: FastifyRequest): "json" | "xml" {
  const query = req.url.indexOf("?");
  const format =
    query >= 0 ? new URLSearchParams(req.url.slice(query + 1)).get("format")?.trim().toLowerCase() : undefined;
  if (format === "xml" || format === "json") return format;
  const accept = req.headers.accept;
  const asked = accept ? fromAccept(accept) : null;
  if (asked) return asked;
  const sent = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  return isXmlType(sent) ? "xml" : "json";
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, "&quot;");

const isValueDesc = (v: unknown): v is { value: unknown; desc: unknown } =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  "value" in v &&
  "desc" in v;

/** One JSON member as XML, in the platform's conventions (see parseUserRequestXml). */
function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    const items = value.map((v) => element(name, v)).join("");
    // The platform wraps page ranges; other lists are the element repeated.
    return name === PAGE_RANGES ? `<${name}>${items}</${name}>` : items;
  }
  if (isValueDesc(value)) {
    return `<${name} desc="${escapeAttribute(String(value.desc))}">${escapeText(String(value.value))}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

const WEB_SERVICE_RESULT_NS = "http://com/exlibris/urm/general/xmlbeans";

/**
 * A JSON answer of /almaws as the platform's XML: the error envelope as <web_service_result>,
 * a list as <user_requests total_record_count="…">, the request options as <request_options>,
 * one request as <user_request>.
 */
export function toPlatformXml(payload: unknown): string {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const body = (payload ?? {}) as Record<string, unknown>;
  const members = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([k, v]) => element(k, v))
      .join("");
  if (body.errorsExist === true) {
    const { result: _result, ...rest } = body;
    return `${head}<web_service_result xmlns="${WEB_SERVICE_RESULT_NS}">${members(rest)}</web_service_result>`;
  }
  if (Array.isArray(body.user_request)) {
    const { total_record_count, user_request } = body;
    return `${head}<user_requests total_record_count="${escapeAttribute(String(total_record_count ?? user_request.length))}">${element("user_request", user_request)}</user_requests>`;
  }
  if (Array.isArray(body.request_option)) return `${head}<request_options>${members(body)}</request_options>`;
  return `${head}${element(ROOT, body)}`;
}
