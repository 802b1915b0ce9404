import { isUniqueViolation } from "../db/errors.js";
import { AppError } from "../errors.js";

/** Runs a write and turns a unique-constraint violation into DUPLICATE naming the field. */
export async function uniqueOr<T>(field: string, message: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("DUPLICATE", { message, fields: [{ field, message: "is already used" }] });
    }
    throw err;
  }
}
