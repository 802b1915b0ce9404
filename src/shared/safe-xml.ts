import { XMLParser, XMLValidator } from "fast-xml-parser";

/*
 * XML read without entity expansion, for every XML Recto accepts (the compatibility routes'
 * <user_request>, the reference platform's <users> export). A DOCTYPE (where entities, external
 * ones included, are declared) is refused before parsing; the parser runs with entity processing
 * off; only the five predefined entities and numeric character references are decoded, in one
 * pass, by decodeReferences. Any other entity reference is refused as undeclared, as XML requires.
 * Elements come out as the platform's JSON has them (see toJson).
 */

/** Why an XML document could not be read, in a sentence for the person who sent it. */
export class XmlReadError extends Error {}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes character references and the predefined entities once (so "&amp;lt;" is "&lt;"). */
export function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_all, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlReadError(`The XML has an invalid character reference &${ref};.`);
      }
      return String.fromCodePoint(code);
    }
    const known = PREDEFINED[ref];
    if (known === undefined) throw new XmlReadError(`The XML uses the undeclared entity &${ref};.`);
    return known;
  });
}

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
export function toJson(node: unknown): unknown {
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

/**
 * Parses a document whose root must be one of `roots`; `isArray(jpath)` names the elements read
 * as lists whether one or many are sent. Returns the root's name and raw node (pass parts to toJson).
 */
export function parseSafeXml(
  text: string,
  roots: readonly string[],
  isArray: (jpath: string) => boolean,
): { root: string; node: unknown } {
  const expected = roots.map((r) => `<${r}>`).join(" or ");
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new XmlReadError(
      `XML with a DOCTYPE or entity declarations is not accepted; send the ${expected} element alone.`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlReadError(`The XML could not be read: ${valid.err.msg} (line ${valid.err.line}).`);
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
    isArray: (_name, jpath) => isArray(String(jpath)),
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new XmlReadError(`The XML could not be read: ${(err as Error).message.slice(0, 200)}`);
  }
  const found = Object.keys(doc);
  const root = found.length === 1 ? roots.find((r) => r === found[0]) : undefined;
  if (root === undefined)
    throw new XmlReadError(`The XML must be a ${expected} element; it is <${found[0] ?? "nothing"}>.`);
  return { root, node: doc[root] };
}
