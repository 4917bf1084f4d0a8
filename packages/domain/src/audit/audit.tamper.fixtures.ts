import type { AuditEntry } from './audit.chain.ts';

// Test support: flip one "byte" (a character of a string, a digit of a number, a boolean) of a
// leaf value of an entry, to show that any such change breaks the chain at that entry.

type Path = (string | number)[];

export function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
      leafPaths(v, [...prefix, Array.isArray(value) ? Number(key) : key]),
    );
  }
  return [prefix];
}

function flip(leaf: unknown, pick: number): unknown {
  if (typeof leaf === 'string') {
    if (leaf.length === 0) return 'x';
    const i = pick % leaf.length;
    const code = leaf.charCodeAt(i);
    const flipped = String.fromCharCode(code === 0x30 ? 0x31 : code ^ 1 || 0x31);
    return leaf.slice(0, i) + flipped + leaf.slice(i + 1);
  }
  if (typeof leaf === 'number') return leaf + 1 + (pick % 7);
  if (typeof leaf === 'boolean') return !leaf;
  return 0;
}

export function tamperLeaf(entry: AuditEntry, path: Path, pick: number): AuditEntry {
  const copy = JSON.parse(JSON.stringify(entry)) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  node[last] = flip(node[last], pick);
  return copy as unknown as AuditEntry;
}
