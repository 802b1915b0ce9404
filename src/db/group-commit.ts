/**
 * Writes that arrive while one is under way wait and go together in the next (a group commit):
 * under load one statement or transaction carries many instead of one each; alone, a write goes
 * at once, so nothing waits for company. `write` answers one result per item, in order; each
 * caller gets its own, or the error of the write its item went in.
 */
export function groupCommit<T, R>(write: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  type Waiting = { item: T; done: (result: R) => void; fail: (err: unknown) => void };
  let waiting: Waiting[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (waiting.length > 0) {
      const taken = waiting;
      waiting = [];
      try {
        const results = await write(taken.map((w) => w.item));
        taken.forEach((w, i) => w.done(results[i]!));
      } catch (err) {
        for (const w of taken) w.fail(err);
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<R>((done, fail) => {
      waiting.push({ item, done, fail });
      if (!writing) void drain();
    });
}
