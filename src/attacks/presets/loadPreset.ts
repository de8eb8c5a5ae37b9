import fs from 'node:fs';
import path from 'node:path';
import { AttackError, messageOf } from '../../errors/errors.js';
import { packageRoot } from '../../packageRoot.js';
import { parseAttackSpec, type AttackSpec } from '../attackSpec.js';
import { parsePreset, type AttackPreset } from './attackPreset.js';

/** What `--attack` named: a preset (shipped or from a file) or a single spec file. */
export type AttackRef =
  | { readonly kind: 'preset'; readonly preset: AttackPreset; readonly file: string }
  | { readonly kind: 'spec'; readonly spec: AttackSpec; readonly file: string };

/** The folder of shipped presets. */
export const presetsDir = path.join(packageRoot, 'attacks', 'presets');

/** Names of the shipped presets (their file names without `.json`), sorted. */
export function listPresetNames(dir = presetsDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Reads and validates a preset file; its `name` must match the file name. */
export function readPresetFile(file: string): AttackPreset {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AttackError(`Cannot read preset ${file}: ${messageOf(error)}`, file, { cause: error });
  }
  const preset = parsePreset(raw, file);
  const expected = path.basename(file, '.json');
  if (preset.name !== expected) throw new AttackError(`Preset ${file} is named '${preset.name}'; a preset's name must match its file name ('${expected}').`, file);
  return preset;
}

/** A shipped preset by name; throws AttackError listing the valid names for an unknown one. */
export function loadPreset(name: string, dir = presetsDir): AttackPreset {
  const names = listPresetNames(dir);
  if (!names.includes(name)) throw new AttackError(`Unknown preset '${name}'. Valid presets: ${names.join(', ')}.`, name);
  return readPresetFile(path.join(dir, `${name}.json`));
}

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
