/*
 * Reading the parts of a verified assertion Recto needs. node-saml hands the assertion over as
 * xml2js parsed it (prefixes stripped, attributes under `$`, text under `_`): these helpers keep
 * that shape in one place.
 */

type Node = { $?: Record<string, string>; _?: string } & { [child: string]: unknown };

export const children = (node: Node | undefined, name: string): Node[] =>
  node && Array.isArray(node[name]) ? (node[name] as Node[]) : [];

export const first = (node: Node | undefined, name: string): Node | undefined => children(node, name)[0];

export const attr = (node: Node | undefined, name: string): string | undefined => node?.$?.[name];

export const text = (node: Node | undefined): string | undefined =>
  typeof node === "string" ? node : typeof node?._ === "string" ? node._.trim() : undefined;

export type AssertionNode = Node;

/**
 * Every attribute's values under its Name (e.g. urn:oid:1.3.6.1.4.1.5923.1.1.1.1) and under its
 * FriendlyName (eduPersonAffiliation), so a mapping may use either; the subject's NameID under
 * "NameID" (a persistent id may be the primary id).
 */
export function assertionAttributes(assertion: Node): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (key: string | undefined, values: string[]) => {
    if (!key) return;
    out[key] = [...(out[key] ?? []), ...values];
  };
  for (const statement of children(assertion, "AttributeStatement")) {
    for (const attribute of children(statement, "Attribute")) {
      const values = children(attribute, "AttributeValue")
        .map((v) => text(v) ?? text(first(v, "NameID")))
        .filter((v): v is string => v !== undefined && v !== "");
      add(attr(attribute, "Name"), values);
      const friendly = attr(attribute, "FriendlyName");
      if (friendly && friendly !== attr(attribute, "Name")) add(friendly, values);
    }
  }
  const nameId = text(first(first(assertion, "Subject"), "NameID"));
  if (nameId) add("NameID", [nameId]);
  return out;
}
