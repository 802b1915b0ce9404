import { parseArgs, type ParseArgsConfig } from "node:util";

/** Strict option parsing: an unknown or malformed option is an error with the command's usage. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  return parseArgs({ args, options, strict: true, allowPositionals: true });
}
