import { describe, expect, it } from "vitest";
import { decodeRelayState, encodeRelayState } from "./relay-state.js";

describe("RelayState", () => {
  it("carries the app and a same-site path there and back", () => {
    const state = encodeRelayState({ app: "patron", returnPath: "/titles/12?tab=items" });
    expect(state).toBe("patron:/titles/12?tab=items");
    expect(decodeRelayState(state)).toEqual({ app: "patron", returnPath: "/titles/12?tab=items" });
    expect(decodeRelayState(encodeRelayState({ app: "staff", returnPath: "/staff/queues" }))).toEqual({
      app: "staff",
      returnPath: "/staff/queues",
    });
  });

  it("never leads to another site", () => {
    for (const path of ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil", "/\t/evil.example"]) {
      expect(encodeRelayState({ app: "patron", returnPath: path })).toBe("patron:/");
      expect(decodeRelayState(`patron:${path}`)).toEqual({ app: "patron", returnPath: "/" });
    }
    expect(decodeRelayState("staff://evil.example")).toEqual({ app: "staff", returnPath: "/staff" });
    expect(decodeRelayState("admin:/")).toEqual({ app: "patron", returnPath: "/" });
    expect(decodeRelayState(undefined)).toEqual({ app: "patron", returnPath: "/" });
  });

  it("keeps within SAML's 80 bytes", () => {
    expect(encodeRelayState({ app: "patron", returnPath: `/titles/${"x".repeat(100)}` })).toBe("patron:/");
  });
});
