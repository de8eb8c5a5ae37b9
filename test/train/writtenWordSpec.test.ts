import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/random/createRng.js';
import { writtenWordSpec } from '../../src/train/writtenWordSpec.js';

const specs = (variety: number, count = 200) => Array.from({ length: count }, (_, i) => writtenWordSpec('hot air balloon', createRng(i, 'writtenWordSpec.test'), variety));

describe('writtenWordSpec', () => {
  it('writes the plain word at variety 0, whatever the stream', () => {
    const plain = specs(0);
    for (const spec of plain) {
      assert.equal(spec.text, 'hot air balloon');
      assert.deepEqual(spec.font, { family: 'DejaVu Sans', weight: 'normal', style: 'normal' });
      assert.equal(spec.size.value, 0.3);
      assert.ok(spec.fill === '#000000' || spec.fill === '#1a1a1a', spec.fill);
      assert.equal(spec.stroke.widthPx, 0);
      assert.deepEqual(spec.placement, { kind: 'fraction', x: 0.5, y: 0.5 });
      assert.ok(spec.rotationDeg === 0, `tilt ${spec.rotationDeg}`);
      assert.equal(spec.sticker?.colour, '#ffffff');
      assert.equal(spec.letterCase, 'asIs');
    }
  });

  it('strays from the plain word no further than the variety allows', () => {
    for (const spec of specs(0.5)) {
      assert.ok(Math.abs(spec.size.value - 0.3) <= 0.07 + 1e-9, `size ${spec.size.value}`);
      assert.ok(spec.placement.kind === 'fraction' && Math.abs(spec.placement.x - 0.5) <= 0.25 + 1e-9, JSON.stringify(spec.placement));
      assert.ok(Math.abs(spec.rotationDeg) <= 8, `tilt ${spec.rotationDeg}`);
    }
  });

  it('varies face, ink, label, size, position, tilt and case at full variety', () => {
    const varied = specs(1);
    const distinct = (pick: (spec: (typeof varied)[number]) => unknown) => new Set(varied.map((spec) => JSON.stringify(pick(spec)))).size;
    assert.ok(distinct((s) => [s.font.family, s.font.weight]) >= 8);
    assert.ok(distinct((s) => s.fill) >= 50);
    assert.ok(distinct((s) => s.letterCase) === 4);
    assert.ok(distinct((s) => s.rotationDeg) >= 10);
    assert.ok(varied.some((s) => s.sticker === null) && varied.some((s) => s.sticker !== null));
    const sizes = varied.map((s) => s.size.value);
    assert.ok(Math.min(...sizes) < 0.2 && Math.max(...sizes) > 0.4, `sizes ${Math.min(...sizes)}..${Math.max(...sizes)}`);
  });
});
