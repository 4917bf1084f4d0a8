// Text a client sends never holds a NUL character (U+0000): PostgreSQL cannot store one in a text
// column (the query fails, a 500), and no name, answer or id needs one. Checked at the transports
// (HTTP bodies, paths and queries; socket messages) before the schema, the same on both databases.

/** The path of the first string holding U+0000 (`body.name`, `body.items.2`), or undefined. */
export function nulPath(value: unknown, where: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? where : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(k, where) ?? nulPath(v, where ? `${where}.${k}` : k);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
