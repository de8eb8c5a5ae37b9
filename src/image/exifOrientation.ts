import { channelCount, type DecodedImage } from './decodedImage.js';

const orientationTag = 0x0112;
const latin1 = new TextDecoder('latin1');

/**
 * The Orientation tag of an EXIF block (a TIFF structure: byte order, 42, IFD0 offset), read
 * from IFD0 as Pillow's `Image.getexif()` reads it: `undefined` when the block has no such tag
 * or cannot be read (a broken EXIF block is not a broken image), 0 when the tag is there but
 * holds no single integer. Accepts the block with or
 * without its leading "Exif\0\0". The value is returned as stored, even outside 1-8.
 */
export function exifOrientation(block: Uint8Array): number | undefined {
  const offset = latin1.decode(block.subarray(0, 6)) === 'Exif\0\0' ? 6 : 0;
  if (block.length - offset < 8) return undefined;
  const tiff = new DataView(block.buffer, block.byteOffset + offset, block.length - offset);
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return undefined;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return undefined;
  const entries = tiff.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return undefined;
    if (tiff.getUint16(entry, little) !== orientationTag) continue;
    const type = tiff.getUint16(entry + 2, little);
    // A tag that is there but unusable (several values, a non-integer type) still hides the XMP one.
    if (tiff.getUint32(entry + 4, little) !== 1) return 0;
    // SHORT is the standard type; some writers use another integer type.
    switch (type) {
      case 1: return tiff.getUint8(entry + 8);
      case 3: return tiff.getUint16(entry + 8, little);
      case 4: return tiff.getUint32(entry + 8, little);
      case 6: return tiff.getInt8(entry + 8);
      case 8: return tiff.getInt16(entry + 8, little);
      case 9: return tiff.getInt32(entry + 8, little);
      default: return 0;
    }
  }
  return undefined;
}

/**
 * The orientation an XMP packet states (`tiff:Orientation="6"` or `<tiff:Orientation>6<`), which
 * Pillow's `getexif()` falls back to when the EXIF block has no Orientation tag; `undefined` when
 * there is none. Pillow's own pattern: `tiff:Orientation(="|>)([0-9])`.
 */
export function xmpOrientation(packet: Uint8Array): number | undefined {
  const match = /tiff:Orientation(="|>)([0-9])/.exec(latin1.decode(packet));
  return match === null ? undefined : Number(match[2]);
}

/**
 * The orientation `ImageOps.exif_transpose` acts on: the EXIF tag when there is one, else the
 * XMP one, else 1. Values outside 2-8 mean "as stored" (exif_transpose leaves those alone).
 */
export function pillowOrientation(exif: Uint8Array | undefined, xmp: Uint8Array | undefined): number {
  const value = (exif && exifOrientation(exif)) ?? (xmp && xmpOrientation(xmp)) ?? 1;
  return value >= 2 && value <= 8 ? value : 1;
}

/**
 * Applies an EXIF orientation (1-8) so the image reads upright, as Pillow's
 * `ImageOps.exif_transpose` does: 2 mirror, 3 rotate 180, 4 flip, 5 transpose,
 * 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise. 5-8 swap width and height.
 */
export function orientImage(image: DecodedImage, orientation: number): DecodedImage {
  if (orientation < 2 || orientation > 8) return image;
  const { width: w, height: h } = image;
  const swap = orientation >= 5;
  const outWidth = swap ? h : w;
  const outHeight = swap ? w : h;
  const channels = channelCount[image.mode];
  const data = new Uint8Array(image.data.length);
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - ox; sy = oy; break;
        case 3: sx = w - 1 - ox; sy = h - 1 - oy; break;
        case 4: sx = ox; sy = h - 1 - oy; break;
        case 5: sx = oy; sy = ox; break;
        case 6: sx = oy; sy = h - 1 - ox; break;
        case 7: sx = w - 1 - oy; sy = h - 1 - ox; break;
        default: sx = w - 1 - oy; sy = ox; break;
      }
      const from = (sy * w + sx) * channels;
      const to = (oy * outWidth + ox) * channels;
      for (let c = 0; c < channels; c++) data[to + c] = image.data[from + c]!;
    }
  }
  return { ...image, width: outWidth, height: outHeight, data };
}
