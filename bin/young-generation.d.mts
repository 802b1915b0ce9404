export declare const SEMI_SPACE_MB: number;
export declare function restartArguments(p: {
  execPath: string;
  execArgv: string[];
  argv: string[];
  env: Record<string, string | undefined>;
}): string[] | null;
export declare function restartWithSmallYoungGeneration(proc?: NodeJS.Process): void;
