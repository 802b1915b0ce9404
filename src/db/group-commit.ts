/**
 * Writes that arrive while one is under way wait and go together in the next (a group commit):
 * under load one statement or transaction carries many instead of one each; alone, a write goes
 * at once, so nothing waits for company. `write` answers one result per item, in order, and
 * must be all or nothing (one statement or one transaction): when a group's write fails, each
 * of its items is written again alone, so each caller gets its own result or its own error.
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
        if (taken.length === 1) {
          taken[0]!.fail(err);
          continue;
        }
        // One item's failure (or a transient one) must not become its companions': each is
        // written again alone and answered with its own outcome. A letter already sent whose
        // shared mark failed would otherwise be sent again.
        for (const w of taken) {
          try {
            const [result] = await write([w.item]);
            w.done(result!);
          } catch (alone) {
            w.fail(alone);
          }
        }
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
