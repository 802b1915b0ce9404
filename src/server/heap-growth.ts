import v8 from "node:v8";

/*
 * After each full collection V8 lets the heap's old generation grow before the next one, by a
 * factor it picks from how fast the program allocates against how fast it collects: up to four
 * times what the collection kept. Under steady placement the server keeps about 40 to 50 MB, and
 * the requests and letters in flight (they outlive the young generation's collections) piled up
 * as garbage to 120 to 150 MB before V8 collected it: the largest single swing in the server's
 * memory under load (docs/performance.md, "Server memory"). A fixed smaller factor bounds it; the
 * full collections it adds are a few a minute under that load, run mostly beside the main thread.
 * V8 reads the flag at each collection, so setting it at start (before the app is built) works
 * like passing it on the command line, and it counts for the letter threads too.
 */

/** Lets V8's old generation grow by at most `percent` past what the last full collection kept; 0 leaves V8's own factor. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
