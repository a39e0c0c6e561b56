/**
 * Orders tables so every table comes after the tables its foreign keys point to (parents first),
 * keeping the given order among tables that do not depend on each other. `parents` maps a table to
 * the tables it references; references to tables outside `tables` and to itself are ignored (a
 * self-reference is satisfied row by row, not by table order).
 * @throws Error when the references form a cycle, which no insertion order satisfies.
 */
export function foreignKeyOrder(tables: readonly string[], parents: ReadonlyMap<string, readonly string[]>): string[] {
  const known = new Set(tables);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: string, path: readonly string[]): void => {
    if (placed.has(table)) return;
    if (visiting.has(table)) throw new Error(`Foreign keys form a cycle: ${[...path, table].join(' → ')}`);
    visiting.add(table);
    for (const parent of parents.get(table) ?? []) {
      if (parent !== table && known.has(parent)) visit(parent, [...path, table]);
    }
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}
