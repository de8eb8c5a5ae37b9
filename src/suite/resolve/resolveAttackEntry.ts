import path from 'node:path';
import { listPresetNames } from '../../attacks/presets/loadPreset.js';
import { resolveAttackRef, type AttackRef } from '../../attacks/presets/resolveAttackRef.js';
import type { AttackEntry } from '../schema/attackEntrySchema.js';
import type { SuiteAttack } from '../suite.js';
import { deriveId } from './deriveId.js';
import { isFile } from './fileKinds.js';
import { problemAt, type Resolved } from './resolved.js';
import { messageOf } from '../../util/messageOf.js';

/** The id an attack gets when the suite names none: the preset name, or the file name without `.json`. */
function defaultAttackId(preset: string): string | undefined {
  return listPresetNames().includes(preset) ? preset : deriveId(path.basename(preset, '.json'));
}

function loadRef(preset: string, dir: string): Resolved<AttackRef> {
  const shipped = listPresetNames().includes(preset);
  const file = shipped ? preset : path.resolve(dir, preset);
  if (!shipped && !isFile(file)) {
    const allowed = `a shipped preset (${listPresetNames().join(', ')}) or a .json preset/spec file`;
    return { problems: [problemAt(['preset'], `no such file: ${file}; must be ${allowed}`)] };
  }
  try {
    return { value: resolveAttackRef(file), problems: [] };
  } catch (error) {
    return { problems: [problemAt(['preset'], messageOf(error))] };
  }
}

/**
 * A suite's attack entry, resolved: the preset (shipped, or a file relative to `dir`)
 * loaded and validated, with the suite's text strategy in place of its own (not
 * mostConfusable, which a run cannot draw).
 */
export function resolveAttackEntry(entry: AttackEntry, dir: string): Resolved<SuiteAttack> & { readonly id?: string } {
  const id = entry.id ?? defaultAttackId(entry.preset);
  const idPart = id !== undefined ? { id } : {};
  const loaded = loadRef(entry.preset, dir);
  if (loaded.value === undefined) return { ...idPart, problems: loaded.problems };
  if (id === undefined) return { problems: [problemAt(['preset'], `no id can be made from ${JSON.stringify(entry.preset)}; give the attack an id`)] };
  let ref = loaded.value;
  if (entry.text !== undefined) {
    if (ref.kind === 'spec') {
      return { id, problems: [problemAt(['text'], `is for presets; ${ref.file} is a single attack spec with its own text`)] };
    }
    ref = { ...ref, preset: { ...ref.preset, text: entry.text } };
  }
  if (ref.kind === 'preset' && ref.preset.text.strategy === 'mostConfusable') {
    // chooseTexts needs a confusion ranking for it, and a run supplies none: every row would be an error.
    const where = entry.text !== undefined ? ['text', 'strategy'] : ['preset'];
    return { id, problems: [problemAt(where, 'text strategy mostConfusable needs a confusion ranking, which a run does not compute; use everyWrongClass, randomWrongClass, list or fixed')] };
  }
  return { id, value: { id, name: entry.preset, ref, n: entry.n, seed: entry.seed }, problems: [] };
}
