import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePreset } from '../../../src/attacks/presets/attackPreset.js';
import { AttackError } from '../../../src/errors/errors.js';

describe('bad presets', () => {
  const base = { name: 'p', description: 'd', source: 's', text: { strategy: 'fixed', text: 'iPod' } };
  const rejects = (value: unknown, pattern: RegExp) => assert.throws(() => parsePreset(value, 'p.json'), (e: unknown) => e instanceof AttackError && pattern.test(e.message));

  it('names the field and range of a bad base, varied or swept value', () => {
    rejects({ ...base, spec: { opacity: 3 } }, /spec: opacity: must be a number in \[0, 1\]/);
    rejects({ ...base, vary: { 'size.value': { uniformInt: [0, 40] } }, spec: { size: { unit: 'px', value: 30 } } }, /size\.value = 0: size\.value: must be a whole number in \[1, 2000\] px/);
    rejects({ ...base, sweep: { 'font.family': ['Liberation Sans', 'Futura'] } }, /font\.family = "Futura".*Valid fonts/);
    rejects({ ...base, vary: { colour: { oneOf: ['red'] } } }, /vary\.colour: unknown field; a preset may vary or sweep: font\.family/);
  });

  it('rejects text in the spec, distinct pairs outside vary, and a missing source', () => {
    rejects({ ...base, spec: { text: 'x' } }, /spec\.text is not allowed/);
    rejects({ ...base, distinct: [['fill', 'stroke.colour']] }, /distinct \[fill, stroke\.colour\] must name two fields of "vary"/);
    const { source: _source, ...noSource } = base;
    rejects(noSource, /source: /);
  });
});
