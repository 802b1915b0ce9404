import type { ColumnType, Generated } from "kysely";

/*
 * Column conventions that keep SQLite and PostgreSQL alike: ids are integers (PostgreSQL bigint
 * parsed to number), booleans are 0/1 integers, JSON is stored as text, timestamps are ISO-8601
 * UTC strings (timestamptz on PostgreSQL).
 */

export type Id = Generated<number>;
export type Bool = number;
export type Timestamp = string;
export type Json = string;
/** A column added after the first release: optional on insert, so older writers need not name it. */
export type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
