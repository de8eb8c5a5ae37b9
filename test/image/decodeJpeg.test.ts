import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jpeg from 'jpeg-js';
import { decodeImage, decodeImageDetailed, imageDecoders } from '../../src/image/decodeImage.js';
import { decodeJpegJs } from '../../src/image/decodeJpeg.js';
import { hideExifFromCanvas } from '../../src/image/nativeJpeg.js';
import { jpegFrameHeader, jpegHeaderSegments } from '../../src/image/jpegSegments.js';
import { exifOrientationBlock, greyBlocksJpeg, withApp1, withExifOrientation, xmpOrientationPayload } from './helpers/encodeJpeg.js';

/** A 16x8 JPEG: left half red, right half blue (flat 8x8 blocks, so colours survive compression). */
function redBlueJpeg(): Buffer {
  const width = 16;
  const height = 8;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(x < 8 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * width + x) * 4);
    }
  }
  return jpeg.encode({ width, height, data }, 95).data;
}

function pixel(image: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  return Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));
}

function isRed(rgb: number[]): boolean {
  return rgb[0]! > 200 && rgb[1]! < 40 && rgb[2]! < 40;
}

function isBlue(rgb: number[]): boolean {
  return rgb[0]! < 40 && rgb[1]! < 40 && rgb[2]! > 200;
}

describe('decodeJpeg', () => {
  it('decodes a colour JPEG as RGB', () => {
    const image = decodeImage(redBlueJpeg());
    assert.deepEqual([image.mode, image.width, image.height], ['RGB', 16, 8]);
    assert.ok(isRed(pixel(image, 0, 0)) && isBlue(pixel(image, 15, 7)));
  });

  it('decodes a 1-component JPEG as L with the encoded grey levels', () => {
    const image = decodeImage(greyBlocksJpeg([64, 192, 0, 255]));
    assert.deepEqual([image.mode, image.width, image.height], ['L', 32, 8]);
    assert.deepEqual([0, 8, 16, 24].map((x) => image.data[7 * 32 + x]), [64, 192, 0, 255]);
  });

  it('applies EXIF orientation 6 (rotate 90 degrees clockwise): size swaps, the left half ends on top', () => {
    for (const littleEndian of [false, true]) {
      const image = decodeImage(withExifOrientation(redBlueJpeg(), 6, littleEndian));
      assert.deepEqual([image.width, image.height], [8, 16]);
      assert.ok(isRed(pixel(image, 0, 0)) && isRed(pixel(image, 7, 7)), 'top half red');
      assert.ok(isBlue(pixel(image, 0, 8)) && isBlue(pixel(image, 7, 15)), 'bottom half blue');
    }
  });

  it('applies orientation 8 (90 degrees counter-clockwise) and 3 (180), and can be told not to', () => {
    const ccw = decodeImage(withExifOrientation(redBlueJpeg(), 8));
    assert.deepEqual([ccw.width, ccw.height], [8, 16]);
    assert.ok(isBlue(pixel(ccw, 0, 0)) && isRed(pixel(ccw, 0, 15)));
    const half = decodeImage(withExifOrientation(redBlueJpeg(), 3));
    assert.ok(isBlue(pixel(half, 0, 0)) && isRed(pixel(half, 15, 0)));
    const raw = decodeImage(withExifOrientation(redBlueJpeg(), 6), { orientation: 'ignore' });
    assert.deepEqual([raw.width, raw.height], [16, 8]);
    assert.ok(isRed(pixel(raw, 0, 0)));
  });

  it("refuses truncated data as Pillow does (libjpeg alone would pad it with grey)", () => {
    const bytes = redBlueJpeg();
    assert.throws(() => decodeImage(bytes.subarray(0, bytes.length - 40), { path: 'cut.jpg' }), /'cut\.jpg': truncated JPEG/);
    // Only the end-of-image marker missing: the scan runs into the end of the file.
    assert.throws(() => decodeImage(bytes.subarray(0, bytes.length - 2), { path: 'cut.jpg' }), /'cut\.jpg': truncated JPEG: .*before the end of the scan/);
    // A scan that a marker cuts short is damage libjpeg and Pillow accept with a warning.
    const short = Buffer.concat([bytes.subarray(0, bytes.length - 12), Buffer.from([0xff, 0xd9])]);
    assert.equal(decodeImage(short).width, 16);
  });

  it('reports its source mode and that libjpeg-turbo decoded it', () => {
    const colour = decodeImageDetailed(redBlueJpeg());
    assert.deepEqual([colour.format, colour.sourceMode, colour.decoder], ['jpeg', 'RGB', 'libjpeg-turbo']);
    assert.equal(decodeImageDetailed(greyBlocksJpeg([1, 2])).sourceMode, 'L');
    const decoders = imageDecoders();
    assert.equal(decoders.jpegMatchesPillow, true);
    assert.match(decoders.jpeg, /^libjpeg(-turbo [0-9.]+| API \S+) via node-canvas [0-9.]+/);
  });

  it('skips junk between header segments as libjpeg does (Pillow opens such files)', () => {
    const clean = greyBlocksJpeg([64, 192, 0, 255]);
    // After the DQT segment (2 + 4 + 65 bytes): stray bytes, a stuffed zero and fill bytes.
    const at = 2 + 4 + 65;
    const junk = Buffer.concat([clean.subarray(0, at), Buffer.from('junk\xff\x00\xff\xff', 'latin1'), clean.subarray(at)]);
    assert.deepEqual(decodeImage(junk, { path: 'junk.jpg' }), decodeImage(clean));
  });

  it('falls back to orientation from XMP when there is no EXIF tag, as Pillow does; EXIF wins over XMP', () => {
    const xmpOnly = decodeImageDetailed(withApp1(redBlueJpeg(), xmpOrientationPayload(6)));
    assert.equal(xmpOnly.exifOrientation, 6);
    assert.deepEqual([xmpOnly.image.width, xmpOnly.image.height], [8, 16]);
    const both = decodeImageDetailed(withExifOrientation(withApp1(redBlueJpeg(), xmpOrientationPayload(6)), 1));
    assert.equal(both.exifOrientation, 1);
    assert.deepEqual([both.image.width, both.image.height], [16, 8]);
  });

  it("never lets node-canvas parse EXIF: an IFD offset that makes node-canvas read 4 GiB past the buffer decodes safely", () => {
    // node-canvas 3 reads an EXIF IFD at (offset - 8) past its header without bounds checks; this
    // offset wraps its 32-bit index to 0xffffffff (a segfault that kills the test process).
    const tiff = exifOrientationBlock(6);
    const tiffStart = 2 + 4 + 6; // SOI, APP1 marker and length, "Exif\0\0"
    tiff.writeUInt32BE((0xffffffff - tiffStart) >>> 0, 4);
    const bytes = withApp1(redBlueJpeg(), Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
    const before = Buffer.from(bytes);
    const result = decodeImageDetailed(bytes);
    assert.deepEqual([result.image.width, result.exifOrientation], [16, 1]);
    assert.deepEqual(bytes, before, 'the caller\'s bytes are not changed');
  });

  it('hides every EXIF header node-canvas would read, in a copy', () => {
    const twice = withExifOrientation(withExifOrientation(redBlueJpeg(), 3), 6);
    const hidden = hideExifFromCanvas(twice, jpegHeaderSegments(twice));
    assert.notEqual(hidden, twice);
    assert.equal(Buffer.from(hidden).indexOf('Exif\0\0', 0, 'latin1'), -1);
    assert.equal(Buffer.from(twice).toString('latin1').split('Exif\0\0').length, 3, 'input unchanged');
    const plain = redBlueJpeg();
    assert.equal(hideExifFromCanvas(plain, jpegHeaderSegments(plain)), plain, 'nothing to hide: the same bytes');
  });

  it('keeps jpeg-js as the fallback decoder', () => {
    const bytes = redBlueJpeg();
    const image = decodeJpegJs(bytes, jpegFrameHeader(bytes, jpegHeaderSegments(bytes)));
    assert.deepEqual([image.mode, image.width, image.height], ['RGB', 16, 8]);
    assert.ok(isRed(pixel(image, 0, 0)) && isBlue(pixel(image, 15, 7)));
  });
});
