import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Outcome, ScoredOutcome } from '../results/outcome.js';
import { REAL_WORLD } from '../results/outcome.js';
import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';
import { csvOptions } from './escape.js';

/**
 * SCAM's per-model CSV (`main_vlm_openclip.py` of github.com/Bliss-e-V/SCAM writes one per model and
 * dataset), written for runs under the scam-binary protocol so that stroop's numbers diff against
 * the authors' files: one row per image scored as it is (attack id `real-world`), in result-log
 * order, with SCAM's columns. `type`, `id` and `postit_area_pct` come from the image's attributes
 * (absent: the dataset id, the image file name without its extension, and empty - what pandas
 * writes for SCAM's NaN on RTA-100 and PAINT). Similarities are logit scale x cosine, probabilities
 * the softmax over the two. Formula-like cells are neutralised (csvOptions).
 */
export const scamCsvColumns = [
  'type', 'id', 'object_label', 'attack_word', 'postit_area_pct',
  'object_similarities', 'attack_similarities', 'object_prob', 'attack_prob',
] as const;

/** The file name of one model's SCAM CSV in a run directory. */
export function scamCsvName(model: string): string {
  return `scam-${model}.csv`;
}

function scamRow(row: ScoredOutcome): unknown[] | undefined {
  const object = row.attacked.find((c) => c.index === row.trueIndex);
  const attack = row.attacked.find((c) => c.index !== row.trueIndex);
  if (object === undefined || attack === undefined || row.attackText === null) return undefined;
  const dataset = row.sampleId.slice(0, row.sampleId.indexOf('/'));
  const file = path.posix.basename(row.sampleId);
  const attributes = row.attributes ?? {};
  const area = attributes.postit_area_pct;
  return [
    attributes.type ?? dataset,
    attributes.id ?? file.replace(/\.[^.]*$/, ''),
    row.trueLabel,
    row.attackText,
    typeof area === 'number' ? area : '',
    object.logit ?? '',
    attack.logit ?? '',
    object.probability,
    attack.probability,
  ];
}

/**
 * Writes `scam-<model>.csv` into `outDir` for every model of `models`, from a run's outcomes (read
 * once). Rows whose two-way choice is incomplete (an image whose label is its attack word) are
 * left out. Returns the files written.
 */
export function writeScamCsvs(outDir: string, outcomes: Iterable<Outcome>, models: readonly string[]): string[] {
  const rows = new Map<string, unknown[][]>(models.map((m) => [m, []]));
  for (const outcome of outcomes) {
    if (outcome.kind !== 'scored' || outcome.attackId !== REAL_WORLD) continue;
    const row = scamRow(outcome);
    if (row !== undefined) rows.get(outcome.model)?.push(row);
  }
  return models.map((model) => {
    const file = path.join(outDir, scamCsvName(model));
    writeFileAtomicallySync(file, stringify([[...scamCsvColumns], ...(rows.get(model) ?? [])], csvOptions));
    return file;
  });
}
