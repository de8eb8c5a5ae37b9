import fs from 'node:fs';
import path from 'node:path';
import { AttackError } from '../../errors/AttackError.js';
import type { AttackSpec } from '../spec/attackSpecSchema.js';
import { parseAttackSpec } from '../spec/parseAttackSpec.js';
import { listPresetNames, loadPreset, presetsDir } from './loadPreset.js';
import { parsePreset } from './parsePreset.js';
import type { AttackPreset } from './presetSchema.js';
import { messageOf } from '../../util/messageOf.js';

/** What `--attack` named: a preset (shipped or from a file) or a single spec file. */
export type AttackRef =
  | { readonly kind: 'preset'; readonly preset: AttackPreset; readonly file: string }
  | { readonly kind: 'spec'; readonly spec: AttackSpec; readonly file: string };

/** A preset file has a text-choice strategy object; a spec file has a text string. */
function looksLikePreset(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && typeof (raw as { text?: unknown }).text === 'object';
}

/**
 * Resolves `--attack`: the name of a shipped preset, or a JSON file holding a
 * preset or an AttackSpec. Throws AttackError listing the shipped presets when
 * it is neither.
 */
export function resolveAttackRef(ref: string, dir = presetsDir): AttackRef {
  const names = listPresetNames(dir);
  if (names.includes(ref)) return { kind: 'preset', preset: loadPreset(ref, dir), file: path.join(dir, `${ref}.json`) };
  if (!ref.endsWith('.json') || !fs.existsSync(ref)) {
    throw new AttackError(`Unknown preset '${ref}' and no such .json file. Valid presets: ${names.join(', ')}; or give a spec/preset .json file.`, ref);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(ref, 'utf8'));
  } catch (error) {
    throw new AttackError(`Cannot read attack file ${ref}: ${messageOf(error)}`, ref, { cause: error });
  }
  if (looksLikePreset(raw)) return { kind: 'preset', preset: parsePreset(raw, ref), file: ref };
  return { kind: 'spec', spec: parseAttackSpec(raw, ref), file: ref };
}
