import fs from 'node:fs';
import { replayAttackSpec } from '../attacks/attackSpecArb.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import type { AttackSpec } from '../attacks/attackSpec.js';
import { UsageError, messageOf } from '../errors/errors.js';
import { decodeImage } from '../image/decodeImage.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { toRgba } from '../image/convertImage.js';
import { specHash, sha256Hex } from '../util/hashing.js';
import { marginParams } from '../suite/schema/searchEntrySchema.js';
import type { FlippedRecord } from '../results/searchRecord.js';
import { SEARCH_LOG, SEARCH_MANIFEST } from '../results/outputDir.js';
import path from 'node:path';
import { readJsonLog } from '../results/resultLog.js';
import type { SearchManifest } from '../results/searchManifest.js';
import { searchRecordSchema, type SearchRecord } from '../results/searchRecord.js';

/** A minimal attack drawn again from its seed and path. */
export interface ReplayedAttack {
  readonly record: FlippedRecord;
  /** The spec drawn: regenerated from seed and path (or moved to a margin's value). */
  readonly spec: AttackSpec;
  /** The regenerated spec equals the recorded one (false: the generator changed since the search; the recorded spec was drawn). */
  readonly specMatches: boolean;
  /** The searched image, and the attack drawn on it. */
  readonly clean: RgbaImage;
  readonly image: RgbaImage;
  readonly renderHash: string;
  /** The render hash equals the recorded one (only checked for the minimal attack itself, not a margin). */
  readonly renderMatches: boolean | null;
}

/** The flipped record `id` names: a record id, or a sample id (`<dataset>/<path>`) when one model's search holds it. */
export function findFlippedRecord(search: LoadedSearch, id: string): FlippedRecord {
  const matches = search.records.filter((r) => r.id === id || r.sampleId === id);
  if (matches.length === 0) throw new UsageError(`${search.dir} has no searched image '${id}'; give an id from search.csv (first column) or search.md.`, '<id>');
  if (matches.length > 1) throw new UsageError(`'${id}' names ${matches.length} records (one per model): give the record id instead (${matches.map((r) => `${r.id} for ${r.model}`).join(', ')}).`, '<id>');
  const record = matches[0] as (typeof matches)[number];
  if (record.status !== 'flipped') throw new UsageError(`Image '${id}' (${record.model}) has no successful attack to replay: the search ${record.status === 'held' ? 'found none within its budget' : `failed on it (${record.message})`}.`, '<id>');
  return record;
}

/**
 * Draws a search's minimal attack again: regenerates its spec from the record's seed and fast-check
 * path under the search's attack space, reads the image (checking its SHA-256), renders, and
 * compares the render hash with the recorded one. With `margin`, the attack is drawn at that
 * parameter's recorded flipping (or holding) value instead.
 */
export function replayMinimalAttack(search: LoadedSearch, id: string, margin?: { readonly param: string; readonly side: 'flipping' | 'holding' }): ReplayedAttack {
  const record = findFlippedRecord(search, id);
  const constraints = { ...search.manifest.plan.search.space, texts: [...record.texts] };
  const { origin: _o, ...regenerated } = replayAttackSpec(constraints, { seed: record.seed, path: record.attack.path });
  const { origin: _r, ...recorded } = record.attack.spec;
  const specMatches = specHash(regenerated) === specHash(recorded);
  let spec: AttackSpec = specMatches ? regenerated : recorded;
  if (margin !== undefined) {
    const param = marginParams[margin.param];
    const found = record.margins[margin.param];
    if (param === undefined || found === undefined) throw new UsageError(`--margin: the search measured no margin '${margin.param}'; it measured ${Object.keys(record.margins).join(', ') || 'none'}.`, '--margin');
    if (found.kind !== 'threshold' && !(found.kind === 'flipsAtWeakest' && margin.side === 'flipping')) {
      throw new UsageError(`--margin ${margin.param}: this image has no ${margin.side} value (${found.kind}).`, '--margin');
    }
    spec = param.withValue(spec, margin.side === 'holding' && found.kind === 'threshold' ? found.holding : found.flipping);
  }
  if (!fs.existsSync(record.imagePath)) throw new UsageError(`The searched image ${record.imagePath} is gone; rebuild or restore the dataset.`, '<id>');
  const bytes = fs.readFileSync(record.imagePath);
  const sha = sha256Hex(bytes);
  if (sha !== record.imageSha256) throw new UsageError(`${record.imagePath} changed since the search (SHA-256 ${sha.slice(0, 12)}, searched ${record.imageSha256.slice(0, 12)}).`, '<id>');
  // The searched dataset's orientation policy, as the search decoded the image.
  const orientation = search.manifest.plan.datasets.find((d) => record.sampleId.startsWith(`${d.id}/`))?.orientation;
  const clean = toRgba(decodeImage(bytes, { path: record.imagePath, ...(orientation === undefined ? {} : { orientation }) }));
  const rendered = renderAttack(clean, spec, record.renderSeed);
  if (rendered.kind === 'unrenderable') throw new UsageError(`The attack cannot be drawn: ${rendered.message}`, '<id>');
  return { record, spec, specMatches, clean, image: rendered.image, renderHash: rendered.hash, renderMatches: margin === undefined ? rendered.hash === record.attack.renderHash : null };
}

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

/**
 * A flipped image's minimal attack as fast-check prints a counterexample: what flipped into what,
 * the attack as JSON, its margins, and the command that replays it. Plain text; the caller
 * escapes it for its medium (attack texts and labels are adversarial input).
 */
export function describeMinimalAttack(record: FlippedRecord, outDir: string): string {
  const { attack } = record;
  const { origin: _origin, ...spec } = attack.spec;
  const margins = Object.entries(record.margins)
    .map(([name, m]) => {
      if (m.kind === 'threshold') return `${name} flips at ${+m.flipping.toFixed(4)} (holds at ${+m.holding.toFixed(4)}; ${m.fontSizePx} px)`;
      if (m.kind === 'flipsAtWeakest') return `${name}: flips even at ${m.flipping}`;
      return `${name}: ${m.kind}`;
    })
    .join('; ');
  return [
    `Counterexample: model ${record.model}, image ${record.sampleId} (true '${record.trueLabel}')`,
    `  clean '${record.clean.label}' (${percent(record.clean.probability)}) -> attacked '${attack.attacked.label}' (${percent(attack.attacked.probability)})${attack.targeted ? ', the written word' : ''}`,
    `  minimal attack: ${JSON.stringify(spec)}`,
    `  font ${attack.fontSizePx} px = ${percent(attack.fontFraction)} of the image height; ${margins === '' ? 'no margins measured' : margins}`,
    `  found after ${record.runs} runs and ${record.shrinks} shrinks, ${record.calls.modelCalls} model calls; seed ${record.seed}, path "${attack.path}", render ${attack.renderHash.slice(0, 16)}`,
    `  replay: stroop replay ${outDir} ${record.id} --out ${record.id}.png`,
  ].join('\n');
}

/** A search's output directory, read back: its manifest and records. */
export interface LoadedSearch {
  readonly dir: string;
  readonly manifest: SearchManifest;
  readonly records: readonly SearchRecord[];
}

/** Reads `search.json` and `search.jsonl` of a `stroop search` output directory; UsageError naming what is missing. */
export function loadSearchDir(dir: string): LoadedSearch {
  const manifestFile = path.join(dir, SEARCH_MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new UsageError(`${dir} is not a stroop search directory: it has no ${SEARCH_MANIFEST} (run stroop search first).`, '<dir>');
  let manifest: SearchManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as SearchManifest;
  } catch (error) {
    throw new UsageError(`${manifestFile} is not valid JSON: ${messageOf(error)}`, '<dir>');
  }
  if (typeof manifest?.plan?.search !== 'object' || manifest.plan.search === null) throw new UsageError(`${manifestFile} is not a stroop search manifest (no plan.search).`, '<dir>');
  const records = [...readJsonLog<SearchRecord>(path.join(dir, SEARCH_LOG), searchRecordSchema, 'search')];
  return { dir, manifest, records };
}
