import { AttackError } from '../../errors/AttackError.js';
import { attackSpecSchema } from '../spec/attackSpecSchema.js';
import { formatIssues } from '../spec/parseAttackSpec.js';
import { presetSchema, type AttackPreset, type Distribution } from './presetSchema.js';
import { setSpecPath } from './setSpecPath.js';

/** Every value a distribution can produce that is worth checking: each option, or both ends of a range. */
function sampleValues(distribution: Distribution): unknown[] {
  if ('oneOf' in distribution) return distribution.oneOf;
  if ('uniformInt' in distribution) return [...distribution.uniformInt];
  return [...distribution.uniform];
}

function checkSpec(preset: AttackPreset, source: string, path: string, value: unknown): void {
  const base = { ...preset.spec, text: 'x' };
  const candidate = path === '' ? base : setSpecPath(base, path, value);
  const result = attackSpecSchema.safeParse(candidate);
  if (!result.success) {
    const where = path === '' ? 'spec' : `${path} = ${JSON.stringify(value)}`;
    throw new AttackError(`Invalid preset '${preset.name}' in ${source}: ${where}: ${formatIssues(result.error)}`, source);
  }
}

/**
 * Validates a preset file's contents: the schema, then the base spec with every
 * value `vary` and `sweep` can give (each on its own), and that `distinct`
 * names varied fields. Throws AttackError naming the field and its range, so a
 * bad preset fails when it is loaded, not halfway through a run.
 */
export function parsePreset(value: unknown, source: string): AttackPreset {
  const result = presetSchema.safeParse(value);
  if (!result.success) throw new AttackError(`Invalid preset in ${source}: ${formatIssues(result.error)}`, source, { cause: result.error });
  const preset = result.data;
  if ('text' in preset.spec) throw new AttackError(`Invalid preset '${preset.name}' in ${source}: spec.text is not allowed; the text comes from "text" (the text-choice strategy).`, source);
  checkSpec(preset, source, '', undefined);
  for (const [path, distribution] of Object.entries(preset.vary)) {
    for (const v of sampleValues(distribution)) checkSpec(preset, source, path, v);
  }
  for (const [path, values] of Object.entries(preset.sweep)) {
    for (const v of values) checkSpec(preset, source, path, v);
  }
  for (const [first, second] of preset.distinct) {
    if (!(first in preset.vary) || !(second in preset.vary)) {
      throw new AttackError(`Invalid preset '${preset.name}' in ${source}: distinct [${first}, ${second}] must name two fields of "vary".`, source);
    }
  }
  return preset;
}
