import { z } from 'zod';

/**
 * The one schema for ids that come from outside (paths, query strings, forms, metadata):
 * every table keys on a PostgreSQL uuid, and a string PostgreSQL would refuse as a uuid
 * (`------------------------------------`, 36 hex digits without the version) must be a
 * "not found" before it reaches a query, never a database error and a 500.
 */
export const ZId = z.uuid();

export function isId(value: unknown): value is string {
  return ZId.safeParse(value).success;
}
