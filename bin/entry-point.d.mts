export declare const BUILD_STAMP: string;
export declare function isBuilt(name: string): boolean;
export declare function newestSource(dir: string): number;
export declare function chooseEntry(
  root: string,
  env: Record<string, string | undefined>,
): { from: "dist" } | { from: "source"; why: string | null };
