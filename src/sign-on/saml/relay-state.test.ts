import { describe, expect, it } from "vitest";
import { decodeRelayState, encodeRelayState } from "./relay-state.js";

describe("RelayState", () => {
  it("carries the app and a same-site path there and back", () => {
    const state = encodeRelayState({ app: "patron", returnPath: "/i/UNI/titles/12?tab=items" }, "UNI");
    expect(state).toBe("patron:/i/UNI/titles/12?tab=items");
    expect(decodeRelayState(state, "UNI")).toEqual({ app: "patron", returnPath: "/i/UNI/titles/12?tab=items" });
    expect(decodeRelayState(encodeRelayState({ app: "staff", returnPath: "/staff/queues" }, "UNI"), "UNI")).toEqual({
      app: "staff",
      returnPath: "/staff/queues",
    });
  });

  it("never leads to another site", () => {
    for (const path of ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil", "/\t/evil.example"]) {
      expect(encodeRelayState({ app: "patron", returnPath: path }, "UNI")).toBe("patron:/i/UNI/");
      expect(decodeRelayState(`patron:${path}`, "UNI")).toEqual({ app: "patron", returnPath: "/i/UNI/" });
    }
    expect(decodeRelayState("staff://evil.example", "UNI")).toEqual({ app: "staff", returnPath: "/i/UNI/staff" });
    expect(decodeRelayState("admin:/", "UNI")).toEqual({ app: "patron", returnPath: "/i/UNI/" });
    expect(decodeRelayState(undefined, "UNI")).toEqual({ app: "patron", returnPath: "/i/UNI/" });
  });

  it("keeps within SAML's 80 bytes", () => {
    expect(encodeRelayState({ app: "patron", returnPath: `/titles/${"x".repeat(100)}` }, "UNI")).toBe("patron:/i/UNI/");
  });
});
