import type { OrientationPolicy } from '../../image/decodeOptions.js';
import fs from 'node:fs';
import path from 'node:path';
import { renderAttack } from '../../attacks/render/renderAttack.js';
import { isInsideDirectory } from '../../datasets/isInsideDirectory.js';
import { decodeImage } from '../../image/decodeImage.js';
import type { RgbaImage } from '../../image/rgbaImage.js';
import { toRgba } from '../../image/toRgba.js';
import type { RunManifest } from '../../results/runManifest.js';
import type { GalleryItem, GalleryRow } from './galleryItem.js';
import { reproduceAttackSpec } from './reproduceAttackSpec.js';
import { thumbnailDataUri } from './thumbnailDataUri.js';
import { messageOf } from '../../util/messageOf.js';

/** How gallery thumbnails are made. */
export interface GalleryOptions {
  /** Longest thumbnail side in pixels, >= 1. */
  readonly thumbnailPx: number;
  /** Images with more pixels are not decoded (as in the run). */
  readonly maxPixels: number;
}

/** Attack id of real-world rows: the listed image already carries the text (see evaluateSamples). */
const realWorldAttackId = 'real-world';

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
  if (row.attackId === realWorldAttackId) return { ...row, cleanPng: null, attackedPng: thumb(image), note: 'real-world image (the text was on it); clean pair not shown' };
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
