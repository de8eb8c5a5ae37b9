/**
 * A copy of `target` with the value at a dotted path ("font.family") replaced,
 * creating intermediate objects where the target has none (or null).
 */
export function setSpecPath(target: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') throw new RangeError(`Empty spec path '${path}'`);
  if (rest.length === 0) return { ...target, [head]: value };
  const child = target[head];
  const inner = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...target, [head]: setSpecPath(inner, rest.join('.'), value) };
}
