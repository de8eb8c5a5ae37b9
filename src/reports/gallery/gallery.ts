import type { ScoredClass, Outcome, ScoredOutcome } from '../../results/outcome.js';
import { cleanAttackId } from '../../metrics/indexOutcomes.js';
import { compareCodeUnits } from '../../util/ordering.js';
import { encodeRgbaPng } from '../../image/pngCodec.js';
import { fromRgba, toRgba } from '../../image/convertImage.js';
import { pillowResize } from '../../image/pillowResize.js';
import type { RgbaImage } from '../../image/rgbaImage.js';
import { REAL_WORLD } from '../../results/outcome.js';
import type { OrientationPolicy } from '../../image/decodeImage.js';
import fs from 'node:fs';
import path from 'node:path';
import { renderAttack } from '../../attacks/render/renderAttack.js';
import { isInsideDirectory } from '../../util/fileSystem.js';
import { decodeImage } from '../../image/decodeImage.js';
import type { RunManifest } from '../../results/runManifest.js';
import { reproduceAttackSpec } from './reproduceAttackSpec.js';
import { messageOf } from '../../errors/errors.js';

/** A scored row chosen for the gallery: an attack that turned a correct prediction wrong. */
export interface GalleryRow {
  readonly model: string;
  readonly attackId: string;
  readonly sampleId: string;
  readonly variant: string;
  readonly trueLabel: string;
  readonly attackText: string | null;
  /** The row's spec hash and render hash (null for real-world rows: nothing was rendered). */
  readonly specHash: string | null;
  readonly renderHash: string | null;
  readonly cleanTop: ScoredClass | null;
  readonly attackedTop: ScoredClass | null;
  /** Whether the attacked top-1 is the class the text names. */
  readonly targeted: boolean;
  /** Ranking key, higher first: 2 for a targeted hit, plus the true class's probability lost, in [-1, 3]. */
  readonly score: number;
}

/** A gallery row with its thumbnails, as the HTML report shows it. */
export interface GalleryItem extends GalleryRow {
  /** PNG data URIs (`data:image/png;base64,...`), or null when the image could not be made. */
  readonly cleanPng: string | null;
  readonly attackedPng: string | null;
  /** What went wrong or differs (missing image, re-render differs from the scored one), or null. */
  readonly note: string | null;
}

/** Candidates kept per model before one row per (sample, attack) is chosen: enough for variety. */
const poolFactor = 8;

const probabilityOf = (top: readonly ScoredClass[], index: number) => top.find((c) => c.index === index)?.probability ?? 0;

function rowOf(o: ScoredOutcome): GalleryRow {
  const attackedTop = o.attacked[0] ?? null;
  const targeted = o.targetIndex !== null && o.targetIndex !== o.trueIndex && attackedTop?.index === o.targetIndex;
  const lost = probabilityOf(o.clean, o.trueIndex) - probabilityOf(o.attacked, o.trueIndex);
  return {
    model: o.model,
    attackId: o.attackId,
    sampleId: o.sampleId,
    variant: o.variant,
    trueLabel: o.trueLabel,
    attackText: o.attackText,
    specHash: o.specHash,
    renderHash: o.renderHash,
    cleanTop: o.clean[0] ?? null,
    attackedTop,
    targeted,
    score: (targeted ? 2 : 0) + lost,
  };
}

const byRank = (a: GalleryRow, b: GalleryRow) =>
  b.score - a.score || compareCodeUnits(a.sampleId, b.sampleId) || compareCodeUnits(a.attackId, b.attackId) || compareCodeUnits(a.variant, b.variant);

/**
 * The most successful attacks of a run, per model: scored attacked rows whose clean top-1 was
 * right and attacked top-1 wrong, targeted hits first, then by how much probability the true
 * class lost; at most one row per (sample, attack) and `perModel` rows per model. Models in
 * code-unit order. Reads the outcomes once, keeping a bounded pool. Pure and deterministic.
 */
export function selectGalleryRows(outcomes: Iterable<Outcome>, perModel: number): GalleryRow[] {
  if (perModel <= 0) return [];
  const poolSize = perModel * poolFactor;
  const pools = new Map<string, GalleryRow[]>();
  for (const o of outcomes) {
    if (o.kind !== 'scored' || o.attackId === cleanAttackId) continue;
    if (o.clean[0]?.index !== o.trueIndex || o.attacked[0]?.index === o.trueIndex) continue;
    const row = rowOf(o);
    const pool = pools.get(o.model) ?? [];
    pools.set(o.model, pool);
    if (pool.length === poolSize && byRank(row, pool[poolSize - 1] as GalleryRow) >= 0) continue;
    const at = pool.findIndex((r) => byRank(row, r) < 0);
    pool.splice(at < 0 ? pool.length : at, 0, row);
    if (pool.length > poolSize) pool.pop();
  }
  return [...pools.keys()].sort(compareCodeUnits).flatMap((model) => {
    const seen = new Set<string>();
    return (pools.get(model) ?? [])
      .filter((r) => {
        const key = `${r.sampleId}\u0000${r.attackId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, perModel);
  });
}

/**
 * A thumbnail of an RGBA image as a PNG data URI: scaled (bicubic, Pillow's) to fit a
 * `maxSidePx` square with its aspect ratio kept, never enlarged.
 * @param maxSidePx longest side of the thumbnail in pixels, >= 1
 */
export function thumbnailDataUri(image: RgbaImage, maxSidePx: number): string {
  const scale = Math.min(1, maxSidePx / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const small = pillowResize(fromRgba(image), width, height);
  return `data:image/png;base64,${encodeRgbaPng({ width, height, data: small.data }).toString('base64')}`;
}

/** How gallery thumbnails are made. */
export interface GalleryOptions {
  /** Longest thumbnail side in pixels, >= 1. */
  readonly thumbnailPx: number;
  /** Images with more pixels are not decoded (as in the run). */
  readonly maxPixels: number;
}

/** The sample's image file: `<dataset root>/<path part of the sample id>`, refused if it leaves the root; and its dataset's orientation policy. */
function sampleFile(manifest: RunManifest, sampleId: string): { readonly file: string; readonly orientation?: OrientationPolicy } {
  const dataset = manifest.plan.datasets.find((d) => sampleId.startsWith(`${d.id}/`));
  if (dataset === undefined) throw new Error(`sample '${sampleId}' belongs to no dataset of the plan`);
  const root = fs.realpathSync(dataset.spec.root);
  const file = path.resolve(root, sampleId.slice(dataset.id.length + 1));
  if (!isInsideDirectory(root, file) || !isInsideDirectory(root, fs.realpathSync(file))) throw new Error(`sample '${sampleId}' lies outside its dataset root`);
  return { file, ...(dataset.orientation === undefined ? {} : { orientation: dataset.orientation }) };
}

function loadRgba(sample: { readonly file: string; readonly orientation?: OrientationPolicy }, maxPixels: number): RgbaImage {
  const { file, orientation } = sample;
  return toRgba(decodeImage(fs.readFileSync(file), { path: file, maxPixels, ...(orientation === undefined ? {} : { orientation }) }));
}

function itemOf(manifest: RunManifest, row: GalleryRow, options: GalleryOptions): GalleryItem {
  const thumb = (image: RgbaImage) => thumbnailDataUri(image, options.thumbnailPx);
  let image: RgbaImage;
  try {
    image = loadRgba(sampleFile(manifest, row.sampleId), options.maxPixels);
  } catch (error) {
    return { ...row, cleanPng: null, attackedPng: null, note: `image unavailable: ${messageOf(error)}` };
  }
  // A real-world row's listed image is the attacked one; its clean pair is not in the log.
  if (row.attackId === REAL_WORLD) return { ...row, cleanPng: null, attackedPng: thumb(image), note: 'real-world image (the text was on it); clean pair not shown' };
  const reproduced = reproduceAttackSpec(manifest, row);
  if (reproduced.kind === 'unavailable') return { ...row, cleanPng: thumb(image), attackedPng: null, note: `attack not re-rendered: ${reproduced.reason}` };
  try {
    const rendered = renderAttack(image, reproduced.spec, reproduced.seed);
    if (rendered.kind === 'unrenderable') return { ...row, cleanPng: thumb(image), attackedPng: null, note: `attack not re-rendered: ${rendered.message}` };
    const note = row.renderHash !== null && rendered.hash !== row.renderHash ? 're-rendered image differs from the one scored (renderer, fonts or image changed since the run)' : null;
    return { ...row, cleanPng: thumb(image), attackedPng: thumb(rendered.image), note };
  } catch (error) {
    return { ...row, cleanPng: thumb(image), attackedPng: null, note: `attack not re-rendered: ${messageOf(error)}` };
  }
}

/**
 * Thumbnails for the gallery rows: each sample's image is read from its dataset (as the run's
 * plan names it), the attack re-rendered from the spec the plan reproduces (see
 * reproduceAttackSpec) and checked against the row's render hash. A row whose image is gone,
 * whose spec cannot be reproduced or whose re-render differs keeps a `note` saying so; nothing
 * here throws for one row's sake.
 */
export function renderGalleryItems(manifest: RunManifest, rows: readonly GalleryRow[], options: GalleryOptions): GalleryItem[] {
  return rows.map((row) => itemOf(manifest, row, options));
}

/** An error or unrenderable row, as the HTML report lists it. */
export interface ProblemRow {
  readonly model: string;
  readonly attackId: string;
  readonly sampleId: string;
  readonly variant: string;
  /** The error's stage, or `unrenderable`. */
  readonly kind: 'load' | 'label' | 'render' | 'embed' | 'unrenderable';
  readonly message: string;
}

/**
 * The first `limit` error rows, then unrenderable rows up to `limit` in all, in log order (errors
 * first: they are what breaks; unrenderable rows are a property of the attack). Every problem row
 * is counted in the metrics; this is the sample of them a person reads. Pure.
 */
export function collectProblemRows(outcomes: Iterable<Outcome>, limit: number): ProblemRow[] {
  const errors: ProblemRow[] = [];
  const unrenderable: ProblemRow[] = [];
  for (const o of outcomes) {
    if (o.kind === 'error' && errors.length < limit) {
      errors.push({ model: o.model, attackId: o.attackId, sampleId: o.sampleId, variant: o.variant, kind: o.stage, message: o.message });
    } else if (o.kind === 'unrenderable' && unrenderable.length < limit) {
      unrenderable.push({ model: o.model, attackId: o.attackId, sampleId: o.sampleId, variant: o.variant, kind: 'unrenderable', message: o.reason });
    }
  }
  return [...errors, ...unrenderable].slice(0, limit);
}
