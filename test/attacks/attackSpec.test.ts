import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttackError } from '../../src/errors/errors.js';
import { parseAttackSpec, isNoopAttack } from '../../src/attacks/attackSpec.js';

function errorOf(value: unknown): AttackError {
  try {
    parseAttackSpec(value, 'test.json');
  } catch (error) {
    assert.ok(error instanceof AttackError);
    return error;
  }
  assert.fail('expected the spec to be rejected');
}

describe('parseAttackSpec', () => {
  it('fills every default from text alone', () => {
    const spec = parseAttackSpec({ text: 'iPod' });
    assert.equal(spec.text, 'iPod');
    assert.equal(spec.font.family, 'Liberation Sans');
    assert.equal(spec.opacity, 1);
    assert.deepEqual(spec.placement, { kind: 'anchor', anchor: 'center' });
    assert.equal(spec.sticker, null);
    assert.equal(spec.repeat, 1);
    assert.deepEqual(spec.layout, { kind: 'overlay' });
  });

  it('accepts font aliases in any case', () => {
    assert.equal(parseAttackSpec({ text: 'x', font: { family: 'arial' } }).font.family, 'arial');
    assert.equal(parseAttackSpec({ text: 'x', font: { family: 'Times New Roman' } }).font.family, 'Times New Roman');
  });

  it('names the field and its range for out-of-range values', () => {
    assert.match(errorOf({ text: 'x', opacity: 1.5 }).message, /opacity: must be a number in \[0, 1\], got 1\.5/);
    assert.match(errorOf({ text: 'x', size: { unit: 'px', value: 5000 } }).message, /size\.value: .*\[1, 2000\] px.*5000/);
    assert.match(errorOf({ text: 'x', size: { value: 1.5 } }).message, /size\.value: must be a fraction in \(0, 1\]/);
    assert.match(errorOf({ text: 'x', repeat: 0 }).message, /repeat: must be a whole number in \[1, 64\]/);
    assert.match(errorOf({ text: 'x', rotationDeg: 270 }).message, /rotationDeg: .*\[-180, 180\] degrees/);
    assert.match(errorOf({ text: 'x', placement: { kind: 'fraction', x: 2, y: 0 } }).message, /placement\.x: .*\[0, 1\]/);
    assert.match(errorOf({ text: 'x', resave: { format: 'jpeg', quality: 0 } }).message, /resave\.quality: .*\[1, 100\]/);
  });

  it('lists the valid fonts for an unknown one', () => {
    const message = errorOf({ text: 'x', font: { family: 'Comic Sans MS' } }).message;
    assert.match(message, /font\.family: unknown font "Comic Sans MS"/);
    for (const family of ['Liberation Sans', 'Liberation Serif', 'Liberation Mono', 'Comic Neue', 'Dancing Script']) assert.ok(message.includes(family), family);
  });

  it('rejects unknown keys, bad colours, control characters and missing text', () => {
    assert.match(errorOf({ text: 'x', colour: 'red' }).message, /Unrecognized key/);
    assert.match(errorOf({ text: 'x', fill: 'rouge' }).message, /fill: must be '#rrggbb' or one of/);
    assert.match(errorOf({ text: 'a\tb' }).message, /control characters/);
    assert.match(errorOf({ opacity: 1 }).message, /text: must be a string/);
    assert.match(errorOf({ text: 'x'.repeat(201) }).message, /at most 200 characters/);
  });

  it('rejects a band layout whose text band has no height', () => {
    assert.match(errorOf({ text: 'x', layout: { kind: 'band', above: 0, below: 0.25, textIn: 'above' } }).message, /textIn must have a height > 0/);
  });

  it('says which file was at fault', () => {
    const error = errorOf({ text: 'x', opacity: -1 });
    assert.equal(error.attack, 'test.json');
    assert.match(error.message, /^Invalid attack spec in test\.json: /);
  });
});

describe('isNoopAttack', () => {
  it('marks empty text and opacity 0 as no-ops, and nothing else', () => {
    assert.equal(isNoopAttack(parseAttackSpec({ text: '' })), true);
    assert.equal(isNoopAttack(parseAttackSpec({ text: '   ' })), true);
    assert.equal(isNoopAttack(parseAttackSpec({ text: 'iPod', opacity: 0 })), true);
    assert.equal(isNoopAttack(parseAttackSpec({ text: 'iPod' })), false);
    assert.equal(isNoopAttack(parseAttackSpec({ text: 'iPod', opacity: 0, sticker: {} })), false, 'a visible sticker changes the image');
    assert.equal(isNoopAttack(parseAttackSpec({ text: '', resave: { format: 'jpeg' } })), false, 're-encoding changes the image');
    assert.equal(isNoopAttack(parseAttackSpec({ text: '', layout: { kind: 'band', above: 0.1, below: 0.1 } })), false, 'bands grow the image');
  });
});
