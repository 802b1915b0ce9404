/* Seeded draws for the bench datasets, so that every generation yields the same database. */

/** mulberry32: a small seeded generator, so every generation yields the same database. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted choices with one uniform draw. */
export function weighted<T>(choices: [T, number][]): (u: number) => T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  return (u) => {
    let x = u * total;
    for (const [value, w] of choices) {
      if (x < w) return value;
      x -= w;
    }
    return choices[choices.length - 1]![0];
  };
}
