import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { ImageError } from '../../src/errors/errors.js';
import { toRgba } from '../../src/image/convertImage.js';
import { decodeImage, decodeImageDetailed } from '../../src/image/decodeImage.js';
import { unfilterPngRows } from '../../src/image/pngCodec.js';
import { exifOrientationBlock } from './helpers/encodeJpeg.js';
import { encodePng, insertPngChunks, pngChunk } from './helpers/encodePng.js';

const seed = 20240611;

/** pngjs (an independent decoder) as the reference for 8-bit RGBA output. */
function pngjsRgba(bytes: Buffer): Uint8Array {
  return new Uint8Array(PNG.sync.read(bytes).data);
}

describe('decodePng', () => {
  it('matches pngjs on RGB, RGBA, grey and grey+alpha PNGs that pngjs wrote with adaptive row filters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 17 }), fc.constantFrom(0, 2, 4, 6), fc.integer(), (width, height, colorType, salt) => {
        const png = new PNG({ width, height, colorType, inputColorType: 6, bitDepth: 8 });
        for (let i = 0; i < png.data.length; i++) png.data[i] = (Math.imul(i + 1, salt | 1) >>> 13) & 0xff;
        const bytes = PNG.sync.write(png, { colorType, inputColorType: 6, bitDepth: 8 });
        const decoded = decodeImage(bytes);
        assert.equal(decoded.mode, ({ 0: 'L', 2: 'RGB', 4: 'LA', 6: 'RGBA' } as const)[colorType]);
        assert.deepEqual(toRgba(decoded).data, pngjsRgba(bytes));
      }),
      { seed, numRuns: 40 },
    );
  });

  it("clips 16-bit grey as Pillow's I;16 -> RGB does: 0-255 stay, anything above is 255", () => {
    const samples = [0, 1, 200, 255, 256, 0x1234, 0xff00, 65535];
    const decoded = decodeImageDetailed(encodePng({ width: 8, height: 1, colorType: 0, bitDepth: 16, samples }));
    assert.deepEqual([decoded.sourceMode, decoded.image.mode], ['I;16', 'L']);
    assert.deepEqual(Array.from(decoded.image.data), [0, 1, 200, 255, 255, 255, 255, 255]);
    // Interlaced 16-bit grey goes through the same rule.
    const interlaced = decodeImage(encodePng({ width: 8, height: 1, colorType: 0, bitDepth: 16, samples, interlaced: true }));
    assert.deepEqual(Array.from(interlaced.data), [0, 1, 200, 255, 255, 255, 255, 255]);
  });

  it("refuses 16-bit grey with a tRNS chunk, which Pillow's convert('RGB') cannot convert", () => {
    const bytes = encodePng({ width: 1, height: 1, colorType: 0, bitDepth: 16, samples: [7], transparency: [0, 7] });
    assert.throws(() => decodeImage(bytes, { path: 'g16t.png' }), (e: unknown) => e instanceof ImageError && /'g16t\.png': 16-bit greyscale PNG with a tRNS chunk/.test(e.message));
    assert.equal(decodeImage(encodePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, samples: [7], transparency: [0, 7] })).data[0], 7);
  });

  it("reports Pillow's mode: 1, L, I;16, RGB, P, LA, RGBA (and RGBA for 16-bit LA)", () => {
    const cases = [
      [0, 1, '1'], [0, 4, 'L'], [0, 16, 'I;16'], [2, 16, 'RGB'], [3, 8, 'P'], [4, 8, 'LA'], [4, 16, 'RGBA'], [6, 8, 'RGBA'],
    ] as const;
    for (const [colorType, bitDepth, mode] of cases) {
      const perPixel = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType]!;
      const spec = { width: 2, height: 1, colorType, bitDepth, samples: new Array<number>(2 * perPixel).fill(1), ...(colorType === 3 && { palette: [1, 2, 3, 4, 5, 6] }) };
      assert.equal(decodeImageDetailed(encodePng(spec)).sourceMode, mode, `colour type ${colorType}, ${bitDepth} bits`);
    }
  });

  it('applies the orientation of an eXIf chunk or of an XMP iTXt chunk (option exif), not with ignore', () => {
    const png = encodePng({ width: 3, height: 1, colorType: 0, bitDepth: 8, samples: [1, 2, 3] });
    const exif = insertPngChunks(png, 'beforeIend', pngChunk('eXIf', exifOrientationBlock(6, true)));
    const turned = decodeImageDetailed(exif);
    assert.deepEqual([turned.exifOrientation, turned.oriented, turned.image.width, Array.from(turned.image.data)], [6, true, 1, [1, 2, 3]]);
    const stored = decodeImageDetailed(exif, { orientation: 'ignore' });
    assert.deepEqual([stored.exifOrientation, stored.oriented, stored.image.width], [6, false, 3]);
    const packet = Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><rdf:Description tiff:Orientation="3"/></x:xmpmeta>', 'latin1');
    const xmp = decodeImage(insertPngChunks(png, 'afterIhdr', pngChunk('iTXt', packet)));
    assert.deepEqual(Array.from(xmp.data), [3, 2, 1]);
  });

  it('checks the CRC of every chunk before the image data, as Pillow does, and not after it', () => {
    const png = encodePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, samples: [9] });
    const text = (badCrc: boolean) => pngChunk('tEXt', Buffer.from('Comment\0hi', 'latin1'), badCrc);
    assert.throws(() => decodeImage(insertPngChunks(png, 'afterIhdr', text(true)), { path: 'crc.png' }), /'crc\.png': corrupt PNG: bad CRC in chunk tEXt/);
    assert.equal(decodeImage(insertPngChunks(png, 'afterIhdr', text(false))).data[0], 9);
    assert.equal(decodeImage(insertPngChunks(png, 'beforeIend', text(true))).data[0], 9);
    assert.throws(() => decodeImage(insertPngChunks(png, 'afterIhdr', pngChunk('a b!', new Uint8Array(1)))), /invalid chunk type "a b!"/);
  });

  it('keeps the high byte of 16-bit colour samples (as Pillow unpacks RGB;16B)', () => {
    const samples = [0x1234, 0xabcd, 0xff00, 0x00ff, 0x8000, 0x7fff];
    const decoded = decodeImage(encodePng({ width: 2, height: 1, colorType: 2, bitDepth: 16, samples }));
    assert.equal(decoded.mode, 'RGB');
    assert.deepEqual(Array.from(decoded.data), [0x12, 0xab, 0xff, 0x00, 0x80, 0x7f]);
  });

  it('scales 2- and 4-bit grey like Pillow (x85, x17) and keeps 1-bit grey as a black/white palette image', () => {
    const two = decodeImage(encodePng({ width: 4, height: 1, colorType: 0, bitDepth: 2, samples: [0, 1, 2, 3] }));
    assert.deepEqual([two.mode, ...two.data], ['L', 0, 85, 170, 255]);
    const four = decodeImage(encodePng({ width: 3, height: 1, colorType: 0, bitDepth: 4, samples: [0, 7, 15] }));
    assert.deepEqual([four.mode, ...four.data], ['L', 0, 119, 255]);
    const one = decodeImage(encodePng({ width: 9, height: 1, colorType: 0, bitDepth: 1, samples: [1, 0, 1, 1, 0, 0, 0, 1, 1] }));
    assert.equal(one.mode, 'P');
    assert.deepEqual(Array.from(one.data), [1, 0, 1, 1, 0, 0, 0, 1, 1]);
    assert.deepEqual(Array.from(toRgba(one).data.subarray(0, 8)), [255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('keeps palette indices, with tRNS alphas in the palette, and agrees with pngjs', () => {
    const palette = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9];
    for (const bitDepth of [2, 4, 8]) {
      const samples = [0, 1, 2, 3, 3, 2, 1, 0, 1];
      const bytes = encodePng({ width: 3, height: 3, colorType: 3, bitDepth, samples, palette, transparency: [255, 128, 0] });
      const decoded = decodeImage(bytes);
      assert.equal(decoded.mode, 'P');
      assert.deepEqual(Array.from(decoded.data), samples);
      assert.deepEqual(Array.from(decoded.palette!.subarray(0, 16)), [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 255]);
      assert.deepEqual(toRgba(decoded).data, pngjsRgba(bytes));
    }
  });

  it('de-interlaces Adam7 PNGs of every colour type and depth the same as the non-interlaced file', () => {
    const cases = [
      { colorType: 0, bitDepth: 1, max: 1 },
      { colorType: 0, bitDepth: 4, max: 15 },
      { colorType: 2, bitDepth: 8, max: 255 },
      { colorType: 6, bitDepth: 16, max: 65535 },
      { colorType: 3, bitDepth: 4, max: 3 },
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 19 }), fc.constantFrom(...cases), fc.integer(), (width, height, kind, salt) => {
        const perPixel = ({ 0: 1, 2: 3, 3: 1, 6: 4 } as Record<number, number>)[kind.colorType]!;
        const samples = Array.from({ length: width * height * perPixel }, (_, i) => (Math.imul(i + 7, salt | 1) >>> 9) % (kind.max + 1));
        const palette = kind.colorType === 3 ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : undefined;
        const spec = { width, height, colorType: kind.colorType, bitDepth: kind.bitDepth, samples, ...(palette && { palette }) };
        const plain = decodeImage(encodePng(spec));
        const interlaced = encodePng({ ...spec, interlaced: true });
        assert.deepEqual(decodeImage(interlaced), plain);
        if (kind.bitDepth <= 8) assert.deepEqual(toRgba(plain).data, pngjsRgba(interlaced));
      }),
      { seed, numRuns: 60 },
    );
  });
});

/** The PNG spec's reconstruction (9.2-9.4), byte by byte with every edge tested: the reference. */
function specUnfilter(data: Uint8Array, rows: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const filter = data[row * (rowBytes + 1)]!;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[row * (rowBytes + 1) + 1 + i]!;
      const a = i >= bpp ? out[row * rowBytes + i - bpp]! : 0;
      const b = row > 0 ? out[(row - 1) * rowBytes + i]! : 0;
      const c = i >= bpp && row > 0 ? out[(row - 1) * rowBytes + i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[row * rowBytes + i] = (x + predictor) & 0xff;
    }
  }
  return out;
}

describe('unfilterPngRows', () => {
  it('reconstructs every filter type, on the first row and the first pixel too, as the PNG spec does', () => {
    const image = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), pixels: fc.integer({ min: 1, max: 7 }), bpp: fc.integer({ min: 1, max: 8 }) })
      .chain(({ rows, pixels, bpp }) =>
        fc.record({
          rows: fc.constant(rows),
          bpp: fc.constant(bpp),
          rowBytes: fc.constant(pixels * bpp),
          filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: rows, maxLength: rows }),
          bytes: fc.uint8Array({ minLength: rows * pixels * bpp, maxLength: rows * pixels * bpp }),
        }),
      );
    fc.assert(
      fc.property(image, ({ rows, bpp, rowBytes, filters, bytes }) => {
        const data = new Uint8Array(2 + rows * (rowBytes + 1));
        filters.forEach((filter, row) => {
          data[2 + row * (rowBytes + 1)] = filter;
          data.set(bytes.subarray(row * rowBytes, (row + 1) * rowBytes), 2 + row * (rowBytes + 1) + 1);
        });
        const expected = specUnfilter(data.subarray(2), rows, rowBytes, bpp);
        assert.equal(unfilterPngRows(data, 2, rows, rowBytes, bpp), data.length);
        const actual = new Uint8Array(rows * rowBytes);
        for (let row = 0; row < rows; row++) actual.set(data.subarray(2 + row * (rowBytes + 1) + 1, 2 + (row + 1) * (rowBytes + 1)), row * rowBytes);
        assert.deepEqual(actual, expected);
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });

  it('refuses an unknown filter type, naming it and the row', () => {
    const data = Uint8Array.from([0, 1, 2, 5, 1, 2]);
    assert.throws(() => unfilterPngRows(data, 0, 2, 2, 1), /unknown row filter type 5 on row 1/);
  });
});
