import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { attackSpecArb } from '../../../src/attacks/attackSpecArb.js';
import { renderAttack } from '../../../src/attacks/render/renderAttack.js';
import { changedBounds, solidImage } from '../images.js';

const constraints = { texts: ['iPod', 'great white shark', 'Granny Smith', 'toaster', 'ox'], maxRepeat: 4, maxRotationDeg: 90 };
const sizeArb = fc.record({ width: fc.integer({ min: 24, max: 160 }), height: fc.integer({ min: 24, max: 160 }) });

describe('render properties', () => {
  it('rendered text stays inside the image: the outer pixel frame is untouched and all ink lies in the reported boxes', () => {
    fc.assert(
      fc.property(attackSpecArb(constraints), sizeArb, fc.integer({ min: 0, max: 2 ** 31 }), (spec, { width, height }, seed) => {
        const background = solidImage(width, height, [37, 99, 151, 255]);
        const out = renderAttack(background, spec, seed);
        if (out.kind === 'unrenderable') {
          assert.equal(out.reason, 'doesNotFit');
          return;
        }
        const changed = changedBounds(background, out.image);
        if (changed === undefined) return;
        assert.ok(changed.x0 >= 1 && changed.y0 >= 1 && changed.x1 <= width - 2 && changed.y1 <= height - 2, `ink ${JSON.stringify(changed)} touches the edge of ${width}x${height}`);
        const inBox = (x: number, y: number) => out.boxes.some((b) => x >= Math.floor(b.x) - 1 && x <= Math.ceil(b.x + b.width) && y >= Math.floor(b.y) - 1 && y <= Math.ceil(b.y + b.height));
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            if (out.image.data[i] !== 37 || out.image.data[i + 1] !== 99 || out.image.data[i + 2] !== 151) assert.ok(inBox(x, y), `pixel (${x}, ${y}) outside every box`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the same spec and seed give the same bytes', () => {
    fc.assert(
      fc.property(attackSpecArb(constraints), fc.integer({ min: 0, max: 2 ** 31 }), (spec, seed) => {
        const image = solidImage(96, 80, [200, 180, 20, 255]);
        const a = renderAttack(image, spec, seed);
        const b = renderAttack(image, structuredClone(spec), seed);
        assert.deepEqual(a.kind === 'rendered' ? a.hash : a.message, b.kind === 'rendered' ? b.hash : b.message);
      }),
      { numRuns: 60 },
    );
  });

  it('shrink-to-fit finds the largest size that fits, 1 px at a time', () => {
    fc.assert(
      fc.property(fc.constantFrom('iPod', 'great white shark', 'toaster'), fc.integer({ min: 40, max: 200 }), (text, width) => {
        const spec = { ...attackSpecBase, text, size: { unit: 'px' as const, value: 200, minPx: 1, fit: 'shrink' as const } };
        const image = solidImage(width, 64, [0, 0, 0, 255]);
        const fitted = renderAttack(image, spec, 0);
        if (fitted.kind === 'unrenderable') return;
        const bigger = renderAttack(image, { ...spec, size: { ...spec.size, value: fitted.fontSizePx + 1, fit: 'none' } }, 0);
        assert.ok(bigger.kind === 'rendered');
        const b = bigger.boxes[0];
        assert.ok(b !== undefined && (b.x < 1 || b.y < 1 || b.x + b.width > width - 1 || b.y + b.height > 63), `size ${fitted.fontSizePx + 1} would also fit`);
      }),
      { numRuns: 40 },
    );
  });
});

const attackSpecBase = fc.sample(attackSpecArb({ texts: ['x'], sticker: false, perturbations: false, maxRotationDeg: 0, maxStrokePx: 0, maxRepeat: 1 }), { seed: 1, numRuns: 1 })[0]!;
