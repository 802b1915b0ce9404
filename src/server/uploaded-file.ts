import type { MultipartFile } from "@fastify/multipart";
import { AppError } from "../errors.js";
import { assertStorableText } from "./input-guard.js";

/** A multipart file part read whole: its name checked like any text, and a file over the limit a 413. */
export async function readUploadedFile(part: MultipartFile): Promise<{ name: string; bytes: Buffer }> {
  assertStorableText(part.filename, "file", "has a name that ");
  const bytes = await part.toBuffer().catch((err: unknown) => {
    if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw new AppError("FILE_TOO_LARGE");
    throw err;
  });
  return { name: part.filename, bytes };
}

/** The refusal of an upload that sent no file part. */
export const noFileSent = (what: string) =>
  new AppError("VALIDATION_FAILED", {
    message: `Send ${what} as the multipart/form-data field 'file'.`,
    fields: [{ field: "file", message: "is required" }],
  });
