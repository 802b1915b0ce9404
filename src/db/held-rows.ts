import { sql, type RawBuilder } from "kysely";

/*
 * Configuration that a placement reads every time and that seldom changes (the request form's
 * text, the rule tables' default outputs: several kilobytes an institution). On PostgreSQL,
 * where placement reads it with the patron in one statement (requests/placement-repository.ts),
 * building that text into JSON and parsing it again was a fifth of the statement's time. So the
 * process keeps the rows it last read for each institution, tells the statement which revisions
 * it holds, and the database leaves out the text of a row whose revision is still the one held.
 * The database decides, inside the placement's transaction, so a change committed by any process
 * is read at the next placement; this relies on every change moving the row's revision (the
 * repositories' writes do; held-rows.pg.test.ts checks both tables).
 */

/**
 * `column`, or null where `held` names the row at its current revision. `held` is the text
 * ",id:revision,id:revision," (HeldRows writes it): a substring test per row, cheaper in the
 * statement than parsing a JSON parameter for each row.
 */
export function unlessHeld(column: string, held: unknown): RawBuilder<string | null> {
  const stamp = sql`',' || ${sql.ref("id")} || ':' || ${sql.ref("revision")} || ','`;
  return sql<string | null>`case when strpos(${held}, ${stamp}) > 0 then null else ${sql.ref(column)} end`;
}

interface Revised {
  id: number;
  revision: number;
}

/** The rows a read may leave out, and the text that names them to the database. */
export interface Holding<R> {
  held: string;
  rows: ReadonlyMap<number, R>;
}

/** The rows last read for each institution, whose `column` a read may leave out. */
export class HeldRows<R extends Revised> {
  private readonly byInstitution = new Map<number, Holding<R>>();

  /** `kept`: how many institutions' rows stay held; the least recently read go first. */
  constructor(
    private readonly column: keyof R & string,
    private readonly kept = 1000,
  ) {}

  /** What to tell the read: a snapshot, which later reads of the same institution do not change. */
  holding(institutionId: number): Holding<R> {
    return this.byInstitution.get(institutionId) ?? { held: ",", rows: new Map() };
  }

  /**
   * The rows as read, each one left out filled in from `holding` (the one the read was told of),
   * and from now on held for the institution.
   */
  complete(institutionId: number, holding: Holding<R>, read: readonly (Revised & Record<string, unknown>)[]): R[] {
    const rows = read.map((row): R => {
      if (row[this.column] !== null) return row as unknown as R;
      const held = holding.rows.get(row.id);
      // The database leaves a text out only for a revision it was told of: anything else is a bug.
      if (!held || held.revision !== row.revision) {
        throw new Error(`held-rows: ${this.column} of row ${row.id} left out unheld`);
      }
      return { ...row, [this.column]: held[this.column] } as unknown as R;
    });
    this.byInstitution.delete(institutionId);
    this.byInstitution.set(institutionId, {
      held: `,${rows.map((r) => `${r.id}:${r.revision},`).join("")}`,
      rows: new Map(rows.map((r) => [r.id, r])),
    });
    if (this.byInstitution.size > this.kept) this.byInstitution.delete(this.byInstitution.keys().next().value!);
    return rows;
  }
}
