/**
 * The expected name `name` stands for: itself, or the part after a wrapper prefix
 * (`model.text_model.x` -> `text_model.x`, `clip.logit_scale` -> `logit_scale`);
 * `undefined` for tensors nobody needs (`position_ids`, heads of other models).
 */
export function canonicalWeightName(name: string, expected: ReadonlyMap<string, unknown>): string | undefined {
  if (expected.has(name)) return name;
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    const suffix = name.slice(dot + 1);
    if (expected.has(suffix)) return suffix;
  }
  return undefined;
}
