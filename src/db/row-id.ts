/** The largest id an integer key column holds on PostgreSQL (SQLite's are wider). */
const MAX_ROW_ID = 2_147_483_647;

/**
 * Whether a number can be a stored row id. Lookups by an id past the column's range are a
 * PostgreSQL error, not "no such row", so repositories answer those with nothing found first.
 */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID;
}
