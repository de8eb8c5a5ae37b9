import fs from 'node:fs';
import path from 'node:path';
import { AttackError } from '../../errors/AttackError.js';
import { packageRoot } from '../../packageRoot.js';
import { parsePreset } from './parsePreset.js';
import type { AttackPreset } from './presetSchema.js';
import { messageOf } from '../../util/messageOf.js';

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
