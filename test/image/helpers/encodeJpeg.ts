/** Hand-built JPEG byte streams for tests (independent of the decoder under test). */

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }

  finish(): number[] {
    while (this.count !== 0) this.write(1, 1); // pad with 1 bits
    return this.bytes;
  }
}

function segment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** Number of bits needed for |value| (the JPEG magnitude category). */
function category(value: number): number {
  let v = Math.abs(value);
  let bits = 0;
  while (v > 0) {
    bits++;
    v >>= 1;
  }
  return bits;
}

/**
 * A baseline greyscale (1-component) JPEG of flat 8x8 blocks side by side, one grey level per
 * block (multiples of 1/8 of a level come out exact: DC = 8 * (level - 128) with an all-ones
 * quantisation table). Huffman tables: every DC category 0..11 has a 4-bit code, AC has only EOB.
 */
export function greyBlocksJpeg(levels: readonly number[]): Buffer {
  const width = levels.length * 8;
  const dcCodeLength = 4;
  const dcBits = [0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 12 codes of length 4
  const dcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const acBits = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // one code of length 1
  const writer = new BitWriter();
  let previous = 0;
  for (const level of levels) {
    const dc = 8 * (level - 128);
    const diff = dc - previous;
    previous = dc;
    const size = category(diff);
    writer.write(size, dcCodeLength); // canonical codes 0000, 0001, ... in value order
    if (size > 0) writer.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
    writer.write(0, 1); // EOB
  }
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...dcBits, ...dcValues]),
    ...segment(0xc4, [0x10, ...acBits, 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...writer.finish(),
    0xff, 0xd9,
  ]);
}

/** A TIFF-structured EXIF block (no "Exif\0\0" prefix) whose IFD0 holds one Orientation tag. */
export function exifOrientationBlock(orientation: number, littleEndian = false): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  if (littleEndian) {
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(1, 8);
    tiff.writeUInt16LE(0x0112, 10);
    tiff.writeUInt16LE(3, 12);
    tiff.writeUInt32LE(1, 14);
    tiff.writeUInt16LE(orientation, 18);
  } else {
    tiff.write('MM', 0, 'latin1');
    tiff.writeUInt16BE(42, 2);
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(1, 8);
    tiff.writeUInt16BE(0x0112, 10);
    tiff.writeUInt16BE(3, 12);
    tiff.writeUInt32BE(1, 14);
    tiff.writeUInt16BE(orientation, 18);
  }
  return tiff;
}

/** Inserts an APP1 Exif segment with an Orientation tag right after the SOI marker. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number, littleEndian = false): Buffer {
  return withApp1(jpeg, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifOrientationBlock(orientation, littleEndian)]));
}

/** Inserts an APP1 segment with `payload` (e.g. an "Exif\0\0" block or an XMP packet) right after the SOI marker. */
export function withApp1(jpeg: Uint8Array, payload: Uint8Array): Buffer {
  const app1 = segment(0xe1, [...payload]);
  return Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), Buffer.from(app1), Buffer.from(jpeg.subarray(2))]);
}

/** An XMP APP1 payload (namespace prefix, NUL, packet) whose packet states `tiff:Orientation`. */
export function xmpOrientationPayload(orientation: number): Buffer {
  const packet = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="${orientation}"/></x:xmpmeta>`;
  return Buffer.from(`http://ns.adobe.com/xap/1.0/\0${packet}`, 'latin1');
}
