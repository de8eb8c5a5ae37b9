import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pixelCodeFiles } from '../../src/store/fingerprints.js';
import { repoRoot } from '../helpers/paths.js';

const srcDir = path.join(repoRoot, 'src');
const files = pixelCodeFiles(path.join(srcDir, 'store'), '.ts').map((f) => path.relative(srcDir, f));

test('the renderer fingerprint covers every module that decides pixels: decoders, colour conversion, the renderer and its fonts', () => {
  for (const file of ['image/decodeImage.ts', 'image/pngCodec.ts', 'image/nativeJpeg.ts', 'image/decodeGif.ts', 'image/convertImage.ts', 'attacks/render/renderAttack.ts', 'attacks/render/paintPage.ts', 'attacks/attackText.ts', 'attacks/fonts/registerBundledFonts.ts']) {
    assert.ok(files.includes(file), `${file} is in the list`);
  }
});

test('and nothing that does not: benchmarks, presets, arbitraries, reports, the run loop', () => {
  for (const file of files) assert.match(file, /^((image|attacks|errors|util|model)\/|packageRoot\.ts$)/, file);
  for (const file of ['attacks/attackSpecArb.ts', 'attacks/presets/expandPreset.ts', 'bench/benchRender.ts']) assert.ok(!files.includes(file), `${file} is not in the list`);
});
