import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/errors.js';
import { readPreprocessorConfig } from '../../src/model/preprocessorConfig.js';
import { fixturePath } from '../helpers/paths.js';

const clipMean = [0.48145466, 0.4578275, 0.40821073];
const clipStd = [0.26862954, 0.26130258, 0.27577711];

function fixtureJson(fixture: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fixturePath(fixture, 'preprocessor_config.json'), 'utf8')) as Record<string, unknown>;
}

function assertConfigError(run: () => unknown, ...fragments: RegExp[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    for (const fragment of fragments) assert.match(error.message, fragment);
    return true;
  });
}

describe('readPreprocessorConfig', () => {
  // Resolutions from the fixture README table; mean/std from golden/README.md.
  for (const [fixture, size] of [['clip-tiny', 224], ['clip-tiny-p16', 64]] as const) {
    it(`reads ${fixture}`, () => {
      assert.deepEqual(readPreprocessorConfig(fixtureJson(fixture), 'p.json'), {
        doResize: true,
        resizeMode: 'shortestEdge',
        shortestEdge: size,
        resizeHeight: size,
        resizeWidth: size,
        convertRgb: 'afterResize',
        resample: 3,
        doCenterCrop: true,
        cropHeight: size,
        cropWidth: size,
        doRescale: true,
        rescaleFactor: 1 / 255,
        doNormalize: true,
        imageMean: clipMean,
        imageStd: clipStd,
        doConvertRgb: true,
      });
    });
  }

  it('accepts the old format with plain numbers and fills defaults', () => {
    const config = readPreprocessorConfig({ size: 336, crop_size: 320, image_mean: 0.5 }, 'old.json');
    assert.equal(config.shortestEdge, 336);
    assert.deepEqual([config.cropHeight, config.cropWidth], [320, 320]);
    assert.deepEqual(config.imageMean, [0.5, 0.5, 0.5]);
    assert.deepEqual(config.imageStd, clipStd);
    assert.equal(config.resample, 3);
    assert.equal(config.doConvertRgb, true);
  });

  it('refuses resample filters other than bicubic, naming the allowed one', () => {
    assertConfigError(() => readPreprocessorConfig({ ...fixtureJson('clip-tiny'), resample: 2 }, 'p.json'), /p\.json/, /resample 2 \(bilinear\) is not supported; allowed: 3 \(bicubic\)/);
  });

  it('reads SigLIP processors: a fixed {height, width} resize without crop, RGB conversion first', () => {
    for (const [fixture, size] of [['siglip-tiny', 224], ['siglip2-tiny', 64]] as const) {
      const config = readPreprocessorConfig(fixtureJson(fixture), 'p.json');
      assert.deepEqual(
        [config.resizeMode, config.resizeHeight, config.resizeWidth, config.doCenterCrop, config.convertRgb, config.imageMean, config.imageStd],
        ['exact', size, size, false, 'beforeResize', [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]],
      );
    }
    const wide = readPreprocessorConfig({ size: { height: 224, width: 320 }, do_center_crop: true, crop_size: 224 }, 'p.json');
    assert.deepEqual([wide.resizeWidth, wide.resizeHeight, wide.doCenterCrop, wide.convertRgb], [320, 224, true, 'afterResize']);
  });

  it('refuses absurd sizes and malformed fields', () => {
    assertConfigError(() => readPreprocessorConfig({ size: { shortest_edge: 1e9 } }, 'p.json'), /size\.shortest_edge: expected a positive integer of at most 16384 \(pixels\) \(got 1000000000\)/);
    assertConfigError(() => readPreprocessorConfig({ size: { height: 224 } }, 'p.json'), /size: expected \{"shortest_edge": N\}, \{"height": H, "width": W\} or a number N/);
    assertConfigError(
      () => readPreprocessorConfig({ crop_size: 0, image_std: [1, 2], do_resize: 'yes' }, 'p.json'),
      /crop_size: expected a positive integer \(got 0\)/,
      /image_std: expected \[r, g, b\]/,
      /do_resize: expected true or false/,
    );
    assertConfigError(() => readPreprocessorConfig({ image_std: [1, 0, 1] }, 'p.json'), /image_std/);
    assertConfigError(() => readPreprocessorConfig(null, 'p.json'), /expected a JSON object/);
  });
});
