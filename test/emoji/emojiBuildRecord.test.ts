import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExpectedHashes, type EmojiBuildRecord, type ExpectedEmojiHashes } from '../../src/emoji/emojiBuildRecord.js';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const renderer = { canvas: '3.2.3', cairo: '1.16.0', rsvg: '2.54.7' };
const expected: ExpectedEmojiHashes = { size: 64, packages: { '@iconify-json/x': '1.0.0' }, renderer, images: { 'x/apple.png': a, 'x/dog.png': b } };
const record = (pixels: Record<string, string>, changes: Partial<EmojiBuildRecord> = {}): EmojiBuildRecord => ({
  format: 1,
  key: 'k',
  size: 64,
  packages: { '@iconify-json/x': '1.0.0' },
  renderer,
  files: {},
  pixels,
  ...changes,
});

describe('checkExpectedHashes', () => {
  it('matches when every built image has its expected pixels (a subset of classes included)', () => {
    assert.deepEqual(checkExpectedHashes(record({ 'x/apple.png': a }), expected), { status: 'match', mismatched: [] });
  });

  it('lists images whose pixels differ or have no expected hash', () => {
    const check = checkExpectedHashes(record({ 'x/apple.png': b, 'x/dog.png': b, 'x/cat.png': a }), expected);
    assert.equal(check.status, 'mismatch');
    assert.deepEqual(check.mismatched, ['x/apple.png', 'x/cat.png']);
    assert.match(check.reason ?? '', /^2 of 3 images differ .* same node-canvas, cairo and librsvg/);
  });

  it('names the renderer when it differs from the one the hashes came from', () => {
    const check = checkExpectedHashes(record({ 'x/apple.png': b }, { renderer: { ...renderer, rsvg: '2.58.0' } }), expected);
    assert.match(check.reason ?? '', /librsvg 2\.58\.0 .*2\.54\.7/);
  });

  it('does not compare other sizes or package versions', () => {
    assert.equal(checkExpectedHashes(record({ 'x/apple.png': a }, { size: 96 }), expected).status, 'not-comparable');
    const other = checkExpectedHashes(record({ 'x/apple.png': a }, { packages: { '@iconify-json/x': '1.0.1' } }), expected);
    assert.equal(other.status, 'not-comparable');
    assert.match(other.reason ?? '', /@iconify-json\/x@1\.0\.1 \(expected 1\.0\.0\)/);
  });
});
