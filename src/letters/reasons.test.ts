import { describe, expect, it } from "vitest";
import { BUILT_IN_LANGUAGES } from "./built-in/index.js";
import { RECTO_REASONS, rectoReasonLabel } from "./reasons.js";

describe("Recto's reason labels", () => {
  it("says every reason code Recto gives in each language it writes letters in", () => {
    for (const [code, labels] of Object.entries(RECTO_REASONS)) {
      expect(Object.keys(labels)).toEqual(BUILT_IN_LANGUAGES);
      for (const label of Object.values(labels)) {
        expect(label.trim()).not.toBe("");
        expect(label).not.toContain(code);
      }
    }
  });

  it("takes a tag's primary language, English for a language Recto does not write, and nothing for other text", () => {
    expect(rectoReasonLabel("CannotBeFulfilled", "fr-CA")).toBe("La demande ne peut pas être satisfaite");
    expect(rectoReasonLabel("CannotBeFulfilled", "DE_ch")).toBe("Der Auftrag kann nicht ausgeführt werden");
    expect(rectoReasonLabel("CannotBeFulfilled", "it")).toBe("The request cannot be fulfilled");
    expect(rectoReasonLabel("CancelledAtPatronRequest", "es")).toBe("Cancelada a petición suya");
    expect(rectoReasonLabel("no longer needed", "fr")).toBeNull();
    expect(rectoReasonLabel("toString", "fr")).toBeNull();
    expect(rectoReasonLabel("cannotbefulfilled", "fr")).toBeNull();
  });
});
