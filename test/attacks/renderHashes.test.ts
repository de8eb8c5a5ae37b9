import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { sampleAttackSpecs } from '../../src/attacks/attackSpecArb.js';
import { expandPreset } from '../../src/attacks/presets/expandPreset.js';
import { listPresetNames, loadPreset } from '../../src/attacks/presets/loadPreset.js';
import { renderAttack, rendererVersions } from '../../src/attacks/render/renderAttack.js';
import type { AttackSpec, AttackSpecInput } from '../../src/attacks/attackSpec.js';
import { parseAttackSpec } from '../../src/attacks/attackSpec.js';
import type { RgbaImage } from '../../src/image/rgbaImage.js';
import { repoRoot } from '../helpers/paths.js';
import { gradientImage, translucentImage } from './images.js';

/**
 * Render-hash regression snapshot: the SHA-256 of every attacked image for a
 * fixed set of specs, seeds and images, as the renderer gave them when the
 * snapshot was written. Speed work on the renderer must leave every byte as it
 * was; this pins that. Hashes depend on node-canvas, cairo, pango, FreeType and
 * the bundled fonts, so the snapshot records their versions. On a host whose versions differ
 * the comparison fails under CI (`CI=true`: a CI image that drifted must not pass silently) and
 * is skipped with a diagnostic elsewhere. `npm run snapshots:render` (= `UPDATE_SNAPSHOTS=1` on
 * this test) rewrites the snapshot on purpose; commit it with the change that moved the pixels.
 */
const file = path.join(repoRoot, 'test', 'attacks', 'snapshots', 'renderHashes.json');
const regenerate = 'npm run snapshots:render (builds, then runs this test with UPDATE_SNAPSHOTS=1; commit test/attacks/snapshots/renderHashes.json)';
const inCi = process.env['CI'] === 'true';

interface ImageRef {
  readonly kind: 'gradient' | 'translucent';
  readonly width: number;
  readonly height: number;
}
interface RenderCase {
  readonly name: string;
  readonly spec: AttackSpec;
  readonly seed: number;
  readonly image: ImageRef;
}
interface Snapshot {
  readonly versions: unknown;
  readonly cases: ReadonlyArray<RenderCase & { readonly outcome: string }>;
}

const images: readonly ImageRef[] = [
  { kind: 'gradient', width: 224, height: 224 },
  { kind: 'translucent', width: 301, height: 127 },
  { kind: 'gradient', width: 96, height: 160 },
  { kind: 'translucent', width: 224, height: 224 },
];
const classes = ['apple', 'iPod', 'toaster', 'great white shark', 'Granny Smith', 'library'];

/** Specs that reach the renderer's less common paths: clipping, bands, layers, blank text, wrapping. */
const handWritten: ReadonlyArray<[string, AttackSpecInput]> = [
  ['fit none, clipped', { text: 'great white shark', size: { unit: 'px', value: 90, fit: 'none' }, rotationDeg: 33, sticker: {} }],
  ['pixel placement partly outside', { text: 'iPod', size: { unit: 'px', value: 40 }, placement: { kind: 'pixel', x: -20, y: 200 }, stroke: { widthPx: 3 } }],
  ['pixel placement above the top', { text: 'toaster', size: { unit: 'px', value: 30 }, placement: { kind: 'pixel', x: 10, y: -25 }, rotationDeg: -170 }],
  ['layered stroke at opacity', { text: 'Granny Smith', opacity: 0.55, stroke: { widthPx: 4, colour: '#ff00ff' }, rotationDeg: 90, repeat: 3 }],
  ['width wrap', { text: 'a very long label that wraps over lines', wrap: { mode: 'width', maxLines: 5 }, size: { value: 0.2 } }],
  ['line breaks, italic synthetic bold', { text: 'iPod\nlibrary', font: { family: 'DejaVu Serif', weight: 'bold', style: 'italic' }, rotationDeg: 180 }],
  ['band both, sticker', { text: 'pizza', layout: { kind: 'band', above: 0.2, below: 0.3, colour: '#112233', textIn: 'both' }, sticker: { opacity: 0.5 } }],
  ['blank text in a band', { text: '  ', layout: { kind: 'band', above: 0, below: 0.25 } }],
  ['no-op', { text: 'iPod', opacity: 0 }],
  ['sticker only', { text: 'iPod', opacity: 0, sticker: { colour: 'red' }, rotationDeg: 45 }],
  ['jpeg resave', { text: 'goldfish', rotationDeg: 12, resave: { format: 'jpeg', quality: 60 } }],
  ['random placement, repeat 9', { text: 'ox', placement: { kind: 'random' }, repeat: 9, rotationDeg: -75, size: { value: 0.1 } }],
  ['bottom-right anchor, margin', { text: 'library', placement: { kind: 'anchor', anchor: 'bottom-right' }, marginPx: 7, rotationDeg: 5, sticker: { padding: 1 } }],
];

function buildImage(ref: ImageRef): RgbaImage {
  return ref.kind === 'gradient' ? gradientImage(ref.width, ref.height) : translucentImage(ref.width, ref.height);
}

function cases(): RenderCase[] {
  const out: RenderCase[] = [];
  for (const name of listPresetNames()) {
    for (const seed of [1, 2, 3]) {
      const image = images[seed % images.length] as ImageRef;
      expandPreset(loadPreset(name), { label: 'apple', classes, seed }).forEach((spec, i) => {
        if (i % 7 === 0) out.push({ name: `preset ${name} seed ${seed} #${i}`, spec, seed, image });
      });
    }
  }
  const constraints = { texts: ['iPod', 'great white shark', 'Granny Smith', 'ox', 'toaster'], maxRepeat: 6, maxRotationDeg: 180, maxStrokePx: 4, sizeFraction: [0.03, 0.6] as [number, number] };
  sampleAttackSpecs(constraints, { seed: 20251127, count: 90 }).forEach((spec, i) => {
    out.push({ name: `attackSpecArb #${i}`, spec, seed: 1000 + i, image: images[i % images.length] as ImageRef });
  });
  handWritten.forEach(([name, input], i) => {
    for (const image of images.slice(0, 2)) out.push({ name, spec: parseAttackSpec(input), seed: 77 + i, image });
  });
  return out;
}

/** The versions as they read back from JSON (undefined fields dropped). */
function currentVersions(): unknown {
  return JSON.parse(JSON.stringify(rendererVersions()));
}

function outcomeOf(c: RenderCase): string {
  const out = renderAttack(buildImage(c.image), c.spec, c.seed);
  return out.kind === 'rendered' ? `${out.image.width}x${out.image.height} ${out.hash}` : `unrenderable ${out.reason}`;
}

describe('render hashes (regression snapshot)', () => {
  it('gives the same bytes as when the snapshot was written, for every case', (t) => {
    if (process.env['UPDATE_SNAPSHOTS'] === '1') {
      // Rewriting the expectation makes the comparison pass by construction: never in CI.
      assert.ok(!inCi, 'UPDATE_SNAPSHOTS=1 rewrites the render-hash snapshot; it is refused under CI=true. Regenerate it locally and commit it.');
      const stored = JSON.parse(JSON.stringify(cases())) as RenderCase[];
      const snapshot: Snapshot = { versions: currentVersions(), cases: stored.map((c) => ({ ...c, outcome: outcomeOf(c) })) };
      fs.writeFileSync(file, `${JSON.stringify(snapshot, null, 0).replace(/\},\{"name"/g, '},\n{"name"')}\n`);
    }
    assert.ok(fs.existsSync(file), `missing snapshot ${file}; regenerate it: ${regenerate}`);
    const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
    const versions = currentVersions();
    if (!isDeepStrictEqual(snapshot.versions, versions)) {
      const why =
        `renderer versions differ from the snapshot's, and hashes are only comparable on the same libraries and fonts.\n` +
        `  snapshot: ${JSON.stringify(snapshot.versions)}\n  this host: ${JSON.stringify(versions)}\n` +
        `If the new versions are meant, regenerate the snapshot: ${regenerate}`;
      assert.ok(!inCi, `${why}\n(CI=true: a drifted CI image fails instead of skipping.)`);
      t.diagnostic(why);
      t.skip('renderer versions differ from the snapshot (see the diagnostic)');
      return;
    }
    assert.ok(snapshot.cases.length > 100);
    const unrenderable = snapshot.cases.filter((c) => c.outcome.startsWith('unrenderable')).length;
    assert.ok(unrenderable < snapshot.cases.length / 4, `${unrenderable} unrenderable cases: the snapshot should mostly draw`);
    const differing = snapshot.cases.filter((c) => outcomeOf(c) !== c.outcome).map((c) => c.name);
    assert.deepEqual(differing, [], `${differing.length} of ${snapshot.cases.length} renders changed; if that is meant, regenerate the snapshot: ${regenerate}`);
  });
});
