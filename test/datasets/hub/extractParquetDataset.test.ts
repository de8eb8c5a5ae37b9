import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageExtensionOf } from '../../../src/datasets/hub/extractParquetDataset.js';
import { tinyPng } from '../../helpers/parquetFixtures.js';

describe('imageExtensionOf', () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const table: [string, Uint8Array, string][] = [
    ['a PNG', tinyPng(1), 'png'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'jpg'],
    ['a GIF', new TextEncoder().encode('GIF89a......'), 'gif'],
    ['a WebP', new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '), 'webp'],
    ['a RIFF that is not WebP', new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '), 'bin'],
    ['a BMP', new TextEncoder().encode('BM..........'), 'bmp'],
    ['a TIFF', bytes(0x49, 0x49, 0x2a, 0x00), 'tif'],
    ['unknown bytes', bytes(1, 2, 3), 'bin'],
    ['no bytes', new Uint8Array(0), 'bin'],
  ];
  for (const [name, input, expected] of table) it(`${name} -> .${expected}`, () => assert.equal(imageExtensionOf(input), expected));
});
