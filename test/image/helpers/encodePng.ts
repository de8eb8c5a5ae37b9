import { crc32, deflateSync } from 'node:zlib';

/** What `encodePng` writes: samples per pixel as numbers in 0..2^bitDepth - 1, row-major. */
export interface PngSpec {
  readonly width: number;
  readonly height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colorType: number;
  readonly bitDepth: number;
  /** width * height * samplesPerPixel sample values. */
  readonly samples: ArrayLike<number>;
  readonly interlaced?: boolean;
  /** PLTE payload (RGB triplets). */
  readonly palette?: readonly number[];
  /** tRNS payload bytes. */
  readonly transparency?: readonly number[];
}

const samplesPerPixel: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const adam7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Packs the samples of one (sub)image into filter-type-0 scanlines. */
function scanlines(spec: PngSpec, xs: number[], ys: number[]): number[] {
  const n = samplesPerPixel[spec.colorType]!;
  const out: number[] = [];
  for (const y of ys) {
    out.push(0);
    let acc = 0;
    let bits = 0;
    for (const x of xs) {
      for (let c = 0; c < n; c++) {
        const value = spec.samples[(y * spec.width + x) * n + c]!;
        if (spec.bitDepth === 16) out.push(value >> 8, value & 0xff);
        else if (spec.bitDepth === 8) out.push(value);
        else {
          acc = (acc << spec.bitDepth) | value;
          bits += spec.bitDepth;
          if (bits === 8) {
            out.push(acc);
            acc = 0;
            bits = 0;
          }
        }
      }
    }
    if (bits > 0) out.push(acc << (8 - bits));
  }
  return out;
}

function range(start: number, end: number, step: number): number[] {
  const values: number[] = [];
  for (let v = start; v < end; v += step) values.push(v);
  return values;
}

/** A minimal, independent PNG writer for tests (unfiltered rows, optional Adam7 interlacing). */
export function encodePng(spec: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.bitDepth;
  ihdr[9] = spec.colorType;
  ihdr[12] = spec.interlaced ? 1 : 0;
  const passes = spec.interlaced ? adam7 : ([[0, 0, 1, 1]] as const);
  const raw: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const xs = range(x0, spec.width, dx);
    const ys = range(y0, spec.height, dy);
    if (xs.length > 0 && ys.length > 0) raw.push(...scanlines(spec, xs, ys));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(spec.palette ? [chunk('PLTE', Uint8Array.from(spec.palette))] : []),
    ...(spec.transparency ? [chunk('tRNS', Uint8Array.from(spec.transparency))] : []),
    chunk('IDAT', deflateSync(Uint8Array.from(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Only a signature and an IHDR claiming width x height (no image data): for size-limit tests. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
}

/** A PNG chunk (length, type, data, CRC); `badCrc` writes a wrong CRC. */
export function pngChunk(type: string, data: Uint8Array, badCrc = false): Buffer {
  const encoded = chunk(type, data);
  if (badCrc) encoded.writeUInt8(encoded.readUInt8(encoded.length - 1) ^ 0xff, encoded.length - 1);
  return encoded;
}

/** Inserts encoded chunks into a PNG right after IHDR (`afterIhdr`) or right before IEND. */
export function insertPngChunks(png: Uint8Array, where: 'afterIhdr' | 'beforeIend', ...chunks: Buffer[]): Buffer {
  const at = where === 'afterIhdr' ? 8 + 25 : png.length - 12;
  return Buffer.concat([Buffer.from(png.subarray(0, at)), ...chunks, Buffer.from(png.subarray(at))]);
}
