import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/random/createRng.js';
import { writtenWordSpec } from '../../src/train/writtenWordSpec.js';

const specs = (variety: number, count = 200) => Array.from({ length: count }, (_, i) => writtenWordSpec('hot air balloon', createRng(i, 'writtenWordSpec.test'), variety));

describe('writtenWordSpec', () => {
  it('writes the plain word at variety 0, whatever the stream: dark ink on a paper label', () => {
    for (const spec of specs(0)) {
      assert.equal(spec.text, 'hot air balloon');
      assert.deepEqual(spec.font, { family: 'DejaVu Sans', weight: 'normal', style: 'normal' });
      assert.equal(spec.size.value, 0.3);
      assert.ok(['#000000', '#1a1a1a', '#202060', '#602020'].includes(spec.fill), spec.fill);
      assert.equal(spec.stroke.widthPx, 0);
      assert.deepEqual(spec.placement, { kind: 'fraction', x: 0.5, y: 0.5 });
      assert.ok(spec.rotationDeg === 0, `tilt ${spec.rotationDeg}`);
      assert.ok(spec.sticker !== null && spec.sticker.opacity === 1, 'always on a label');
      assert.equal(spec.letterCase, 'asIs');
    }
  });

  it('strays from the plain word no further than the variety allows', () => {
    for (const spec of specs(0.5)) {
      assert.ok(spec.size.value >= 0.3 - 0.09 - 1e-9 && spec.size.value <= 0.3 + 0.03 + 1e-9, `size ${spec.size.value}`);
      assert.ok(spec.placement.kind === 'fraction' && Math.abs(spec.placement.x - 0.5) <= 0.15 + 1e-9 && Math.abs(spec.placement.y - 0.5) <= 0.15 + 1e-9, JSON.stringify(spec.placement));
      assert.ok(Math.abs(spec.rotationDeg) <= 6, `tilt ${spec.rotationDeg}`);
    }
  });

  it('varies face, size, position, tilt and case at full variety, down to the openai-sticker size', () => {
    const varied = specs(1);
    const distinct = (pick: (spec: (typeof varied)[number]) => unknown) => new Set(varied.map((spec) => JSON.stringify(pick(spec)))).size;
    assert.ok(distinct((s) => [s.font.family, s.font.weight]) >= 8);
    assert.ok(distinct((s) => s.letterCase) === 4);
    assert.ok(distinct((s) => s.rotationDeg) >= 10);
    assert.ok(distinct((s) => s.sticker?.colour) >= 4);
    const sizes = varied.map((s) => s.size.value);
    assert.ok(Math.min(...sizes) < 0.14 && Math.max(...sizes) > 0.33, `sizes ${Math.min(...sizes)}..${Math.max(...sizes)}`);
  });
});
