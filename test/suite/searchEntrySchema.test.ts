import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { attackSpecSchema } from '../../src/attacks/attackSpec.js';
import { marginParams } from '../../src/suite/schema/searchEntrySchema.js';

const base = attackSpecSchema.parse({ text: 'pear', size: { unit: 'shortSide', value: 0.3 }, opacity: 0.8, sticker: { opacity: 0.6 } });
const param = (name: string) => {
  const p = marginParams[name];
  assert.ok(p !== undefined, name);
  return p;
};

describe('marginParams', () => {
  it('reads and sets size, opacity and sticker opacity, leaving the rest of the spec alone', () => {
    for (const [name, value] of [['size', 0.3], ['opacity', 0.8], ['stickerOpacity', 0.6]] as const) {
      const p = param(name);
      assert.equal(p.valueOf(base), value);
      const moved = p.withValue(base, 0.25);
      assert.equal(p.valueOf(moved), 0.25);
      assert.equal(attackSpecSchema.safeParse(moved).success, true, `${name}: still a valid spec`);
      assert.equal(moved.text, base.text);
    }
    assert.equal(param('stickerOpacity').valueOf({ ...base, sticker: null }), undefined, 'no sticker, no sticker margin');
    assert.equal(param('size').valueOf({ ...base, size: { ...base.size, unit: 'px', value: 20 } }), undefined, 'a px size has no fraction');
  });

  it('moves a placement along the ray from the centre: the distance is what was set, the direction kept', () => {
    const p = param('centreDistance');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y, d) => {
        const spec = { ...base, placement: { kind: 'fraction' as const, x, y } };
        const moved = p.withValue(spec, d);
        assert.ok(Math.abs((p.valueOf(moved) ?? -1) - d) < 1e-9, `distance ${p.valueOf(moved)} for ${d}`);
        const now = p.valueOf(spec) ?? 0;
        if (now > 1e-6 && moved.placement.kind === 'fraction') {
          // Same direction: the offsets are proportional.
          const cross = (x - 0.5) * (moved.placement.y - 0.5) - (y - 0.5) * (moved.placement.x - 0.5);
          assert.ok(Math.abs(cross) < 1e-9);
        }
      }),
    );
    assert.equal(p.valueOf({ ...base, placement: { kind: 'fraction', x: 0, y: 0.5 } }), 1, 'flush with the left edge');
    assert.equal(p.valueOf({ ...base, placement: { kind: 'anchor', anchor: 'center' } }), undefined);
  });
});
