import { DatasetError, messageOf } from '../../errors/errors.js';
import { toManifestRow, type ManifestRow } from './manifestRow.js';

/**
 * The key names of the `annotation.json` of Materzynska et al., "Disentangling visual and written
 * concepts in CLIP" (CVPR 2022): `{"<image file>": {"true object": ..., "typographic attack label": ...}}`.
 */
const trueObject = 'true object';
const attackLabel = 'typographic attack label';

/** Largest annotation file read (it is read whole; the published one is a few KB). */
export const maxAnnotationBytes = 16 * 1024 * 1024;

/**
 * The entries of an `annotation.json` in the Materzynska layout as manifest rows: each image file
 * (relative to the dataset root) with its true object as the label and the word written on it as
 * the attack text (a real-world attack set without clean pairs). `line` is the entry's 1-based
 * position in the file. Refuses, naming the file and the entry, anything else.
 */
export function annotationRows(text: string, source: string): ManifestRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(`${source} is not valid JSON (${messageOf(error)}); an annotation file maps each image file to {"${trueObject}": ..., "${attackLabel}": ...}.`, source);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DatasetError(`${source} must be a JSON object mapping each image file to {"${trueObject}": ..., "${attackLabel}": ...}.`, source);
  }
  return Object.entries(parsed).map(([file, entry], i) => {
    const where = `${source} entry ${i + 1} ('${file}')`;
    const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
    const label = record?.[trueObject];
    const attack = record?.[attackLabel];
    if (typeof label !== 'string' || typeof attack !== 'string') {
      const found = record === undefined ? JSON.stringify(entry) : `keys ${Object.keys(record).map((k) => `"${k}"`).join(', ') || '(none)'}`;
      throw new DatasetError(`${where}: needs string values "${trueObject}" and "${attackLabel}" (found ${found}).`, source, i + 1);
    }
    return toManifestRow({ path: file, label, attack_text: attack }, source, i + 1);
  });
}
