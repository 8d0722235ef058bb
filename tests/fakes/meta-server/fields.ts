// Graph's `fields` parameter read the way the fake needs it: the top-level names, with
// field expansions (`instagram_business_account{id,username}`) and modifiers
// (`reactions.summary(total_count).limit(0)`) reduced to their names.
export function fieldsOf(query: URLSearchParams): Set<string> | null {
  const raw = query.get('fields');
  if (raw === null || raw.trim() === '') return null;
  const names = new Set<string>();
  let depth = 0;
  let current = '';
  for (const c of raw) {
    if (c === '{' || c === '(') depth += 1;
    if (c === '}' || c === ')') depth -= 1;
    if (c === ',' && depth === 0) {
      names.add(current);
      current = '';
    } else if (depth === 0 && c !== '}' && c !== ')') {
      current += c;
    }
  }
  names.add(current);
  return new Set([...names].map((n) => n.split('.')[0]?.trim() ?? '').filter((n) => n !== ''));
}

/** `full` keeping only what `fields` names (and `id` always); everything when none is named. */
export function pick(
  full: Record<string, unknown>,
  fields: Set<string> | null,
  defaults: string[],
) {
  const wanted = fields ?? new Set(defaults);
  return Object.fromEntries(
    Object.entries(full).filter(
      ([key, value]) => (key === 'id' || wanted.has(key)) && value !== undefined,
    ),
  );
}
