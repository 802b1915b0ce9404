import { describe, expect, it } from "vitest";
import { claimsToAttributes, mapAttributes } from "./attribute-mapping.js";
import type { AttributeMapping } from "./provider-model.js";

const mapping: AttributeMapping = {
  primary_id: "uid",
  match_by: "primary_id",
  email: "mail",
  first_name: "givenName",
  last_name: "sn",
  preferred_language: "preferredLanguage",
  user_group: {
    attribute: "eduPersonAffiliation",
    rules: [
      { value: "faculty", user_group_code: "FACULTY" },
      { value: "student", user_group_code: "UNDERGRAD" },
    ],
    default_user_group_code: null,
  },
};

describe("mapAttributes", () => {
  it("maps each field from the attribute's first value and the group from the table", () => {
    const result = mapAttributes(
      {
        uid: ["  jdoe "],
        mail: ["jdoe@example.edu", "other@example.edu"],
        givenName: ["Jane"],
        sn: ["Doe"],
        preferredLanguage: ["fr"],
        eduPersonAffiliation: ["member", "student"],
      },
      mapping,
    );
    expect(result).toEqual({
      ok: true,
      person: {
        primaryId: "jdoe",
        email: "jdoe@example.edu",
        firstName: "Jane",
        lastName: "Doe",
        preferredLanguage: "fr",
        userGroupCode: "UNDERGRAD",
      },
    });
  });

  it("takes the first rule in the mapping's order when several values match", () => {
    const result = mapAttributes({ uid: ["x"], eduPersonAffiliation: ["student", "faculty"] }, mapping);
    expect(result.ok && result.person.userGroupCode).toBe("FACULTY");
  });

  it("leaves unmapped or absent fields null", () => {
    const result = mapAttributes({ uid: ["x"], eduPersonAffiliation: ["student"] }, { ...mapping, email: null });
    expect(result).toMatchObject({ ok: true, person: { email: null, firstName: null, preferredLanguage: null } });
  });

  it("refuses without a primary id, blank values included", () => {
    expect(mapAttributes({ eduPersonAffiliation: ["student"] }, mapping)).toEqual({
      ok: false,
      reason: "no_primary_id",
    });
    expect(mapAttributes({ uid: ["", "  "], eduPersonAffiliation: ["student"] }, mapping)).toEqual({
      ok: false,
      reason: "no_primary_id",
    });
  });

  it("refuses when no rule matches and the default is refuse", () => {
    expect(mapAttributes({ uid: ["x"], eduPersonAffiliation: ["alum"] }, mapping)).toEqual({
      ok: false,
      reason: "no_group_matched",
    });
  });

  it("gives the default group when no rule matches and a default is set", () => {
    const withDefault = { ...mapping, user_group: { ...mapping.user_group, default_user_group_code: "GUEST" } };
    const result = mapAttributes({ uid: ["x"] }, withDefault);
    expect(result.ok && result.person.userGroupCode).toBe("GUEST");
  });
});

describe("claimsToAttributes", () => {
  it("turns single claims and lists into value lists and drops objects", () => {
    expect(claimsToAttributes({ sub: "a", n: 3, ok: true, list: ["x", 2], address: { street: "s" } })).toEqual({
      sub: ["a"],
      n: ["3"],
      ok: ["true"],
      list: ["x", "2"],
    });
  });
});
