import { describe, expect, it } from "vitest";
import { AppError, invalid, toErrorBody } from "./errors.js";
import { placingForOthersRefused } from "./requests/policy.js";

/*
 * The catalogue's English is written with typographic apostrophes for the pages; an API client
 * that asks for no language reads the sentences as it always has, with straight ones.
 */

describe("an error's English", () => {
  it("has typographic apostrophes for a page that asks for English", () => {
    expect(toErrorBody(new AppError("PATRON_INACTIVE"), "en").message).toBe(
      "The patron’s account is inactive or expired.",
    );
  });

  it("has the straight apostrophes an API client always read when it asks for no language", () => {
    expect(toErrorBody(new AppError("PATRON_INACTIVE")).message).toBe("The patron's account is inactive or expired.");
    const field = toErrorBody(invalid("expires_at", "The block’s expiry must be in the future."));
    expect(field.message).toBe("The block's expiry must be in the future.");
    expect(field.fields).toEqual([{ field: "expires_at", message: "The block's expiry must be in the future." }]);
  });

  it("keeps the two apostrophes apart for a message written where the error is thrown", () => {
    const refused = placingForOthersRefused();
    expect(toErrorBody(refused, "en").message).toContain("(for the item’s library, one of its desks");
    expect(toErrorBody(refused).message).toContain("(for the item's library, one of its desks");
  });
});
