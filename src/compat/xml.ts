import type { FastifyRequest } from "fastify";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "../errors.js";

/*
 * The reference platform's API speaks XML as well as JSON (docs/compatibility.md, "XML").
 * Reading: a <user_request> document becomes the same object as the platform's JSON, so one
 * schema checks both. Writing: any JSON answer of /almaws is written as the platform's XML.
 *
 * Safety: entities are never expanded. A DOCTYPE (where entities, external ones included, are
 * declared) is refused before parsing; the parser runs with entity processing off; only the five
 * predefined entities and numeric character references are decoded, in one pass, by
 * decodeReferences. Any other entity reference is refused as undeclared, as XML requires.
 */

const ROOT = "user_request";
const PAGE_RANGES = "required_pages_range";

const malformed = (message: string) => new AppError("MALFORMED_BODY", { message });

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  cdataPropName: "#cdata",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  // The ranges are a list whether one or many are sent, in the wrapped or the flat form.
  isArray: (_name, jpath) => jpath === `${ROOT}.${PAGE_RANGES}` || jpath === `${ROOT}.${PAGE_RANGES}.${PAGE_RANGES}`,
});

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes character references and the predefined entities once (so "&amp;lt;" is "&lt;"). */
function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_all, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
        throw malformed(`The XML body has an invalid character reference &${ref};.`);
      }
      return String.fromCodePoint(code);
    }
    const known = PREDEFINED[ref];
    if (known === undefined) throw malformed(`The XML body uses the undeclared entity &${ref};.`);
    return known;
  });
}

type Node = string | { [key: string]: unknown };

/** The text of an element: its decoded character data, then its CDATA sections, verbatim. */
function textOf(node: Record<string, unknown>): string {
  const text = typeof node["#text"] === "string" ? decodeReferences(node["#text"]) : "";
  const cdata = node["#cdata"] === undefined ? [] : [node["#cdata"]].flat().map(String);
  return text + cdata.join("");
}

/**
 * One element as the platform's JSON has it: text as a string; an element with a `desc`
 * attribute (`<target_destination desc="…">CODE</target_destination>`) as `{ value, desc }`;
 * an element with children as an object of them. Other attributes carry nothing Recto uses.
 */
function toJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJson);
  if (typeof node === "string") return decodeReferences(node);
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  const children = Object.keys(record).filter((k) => !k.startsWith("@_") && k !== "#text" && k !== "#cdata");
  if (typeof record["@_desc"] === "string" && children.length === 0) {
    return { value: textOf(record), desc: decodeReferences(record["@_desc"]) };
  }
  if (children.length === 0) return textOf(record);
  const out: Record<string, unknown> = {};
  for (const key of children) out[key] = toJson(record[key]);
  return out;
}

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
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw malformed(
      "XML with a DOCTYPE or entity declarations is not accepted; send the <user_request> element alone.",
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw malformed(`The XML body could not be read: ${valid.err.msg} (line ${valid.err.line}).`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw malformed(`The XML body could not be read: ${(err as Error).message.slice(0, 200)}`);
  }
  const roots = Object.keys(doc);
  const root = doc[ROOT];
  if (roots.length !== 1 || root === undefined) {
    throw malformed(`The XML body must be a <${ROOT}> element; it is <${roots[0] ?? "nothing"}>.`);
  }
  if (typeof root !== "object" || root === null) return {};
  const { [PAGE_RANGES]: ranges, ...rest } = root as Record<string, unknown>;
  const out = toJson(rest);
  const body: Record<string, unknown> = typeof out === "object" && out !== null ? (out as Record<string, unknown>) : {};
  if (ranges !== undefined) body[PAGE_RANGES] = pageRangesOf(ranges as Node[]);
  return body;
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
