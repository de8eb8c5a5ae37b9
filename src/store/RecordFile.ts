import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/** Bytes of a record's key: a SHA-256. */
export const KEY_BYTES = 32;

/** Bytes of a record's checksum: CRC-32 (little-endian) of its key and payload. */
export const CHECKSUM_BYTES = 4;

/**
 * The record layout this code reads and writes: 2 = `[key][payload][CRC-32]`. Files of layout 1
 * (no checksum) are not misread because every cache path that holds records names its layout
 * (see RenderIndex.fileIn and openRunModel's store folder key); bump those with this.
 */
export const RECORD_LAYOUT = 2;

const hexKey = /^[0-9a-f]{64}$/;

/**
 * An append-only file of fixed-size records `[32-byte key][payload][4-byte CRC-32 of both]`,
 * indexed in memory (key -> offset) when opened; payloads stay on disk. A record torn by a killed
 * process is cut off on open. The first record of a key wins: the same key means the same input,
 * so the same value.
 *
 * Every read verifies the record's checksum: a record whose bytes changed on disk is a miss
 * (counted in {@link corruptRecords}), never a wrong value, and appending the key again rewrites
 * that record in place, so the file heals and stays one record per key.
 */
export class RecordFile {
  readonly #fd: number;
  readonly #index = new Map<string, number>();
  /** Keys whose record failed its checksum since opening. */
  readonly #damaged = new Set<string>();
  /** Of those, the record's offset, where appending the key again rewrites it. */
  readonly #repairAt = new Map<string, number>();
  readonly #recordBytes: number;
  /** A record's worth of bytes for {@link has}, which returns no payload. */
  #scratch: Buffer | undefined;
  #size: number;
  #closed = false;

  private constructor(
    readonly file: string,
    /** Bytes between the key and the checksum in each record, >= 1. */
    readonly payloadBytes: number,
  ) {
    this.#recordBytes = KEY_BYTES + payloadBytes + CHECKSUM_BYTES;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.#fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    const size = fs.fstatSync(this.#fd).size;
    this.#size = size - (size % this.#recordBytes);
    if (this.#size !== size) fs.ftruncateSync(this.#fd, this.#size);
    this.#readIndex();
  }

  /** Reads every key, a few thousand records per read (a 50,000-record file opens in milliseconds). */
  #readIndex(): void {
    const perChunk = Math.max(1, Math.floor((1 << 20) / this.#recordBytes));
    const chunk = Buffer.alloc(perChunk * this.#recordBytes);
    for (let start = 0; start < this.#size; start += chunk.length) {
      const read = fs.readSync(this.#fd, chunk, 0, Math.min(chunk.length, this.#size - start), start);
      for (let at = 0; at + this.#recordBytes <= read; at += this.#recordBytes) {
        const key = chunk.toString('hex', at, at + KEY_BYTES);
        if (!this.#index.has(key)) this.#index.set(key, start + at);
      }
    }
  }

  static open(file: string, payloadBytes: number): RecordFile {
    if (!(Number.isInteger(payloadBytes) && payloadBytes >= 1)) throw new RangeError(`A record payload is a whole number of bytes >= 1, got ${payloadBytes}.`);
    return new RecordFile(file, payloadBytes);
  }

  /** Distinct keys indexed (records that later fail their checksum included until they are read). */
  get size(): number {
    return this.#index.size;
  }

  /** Distinct keys whose record was found damaged (checksum mismatch) since the file was opened. */
  get corruptRecords(): number {
    return this.#damaged.size;
  }

  /** Whether an intact record of `keyHex` is stored (reads and verifies it). */
  has(keyHex: string): boolean {
    this.#scratch ??= Buffer.allocUnsafe(this.#recordBytes);
    return this.#readInto(keyHex, this.#scratch);
  }

  /**
   * The payload stored for `keyHex` (a fresh buffer), or undefined. The record's key and checksum
   * are checked: two processes appending to one file at once (shards sharing a cache) can write
   * over each other's records, and a disk or a hand can change bytes; either way this is a miss,
   * never another key's payload or a changed one.
   */
  read(keyHex: string): Buffer | undefined {
    const record = Buffer.alloc(this.#recordBytes);
    return this.#readInto(keyHex, record) ? record.subarray(KEY_BYTES, this.#recordBytes - CHECKSUM_BYTES) : undefined;
  }

  /** Reads the record of `keyHex` into `record` and verifies it; a record that fails is dropped from the index. */
  #readInto(keyHex: string, record: Buffer): boolean {
    const offset = this.#index.get(keyHex);
    if (offset === undefined) return false;
    const read = fs.readSync(this.#fd, record, 0, this.#recordBytes, offset);
    if (read !== this.#recordBytes || record.toString('hex', 0, KEY_BYTES) !== keyHex) {
      this.#index.delete(keyHex);
      this.#repairAt.delete(keyHex);
      return false;
    }
    const end = this.#recordBytes - CHECKSUM_BYTES;
    if (crc32(record.subarray(0, end)) !== record.readUInt32LE(end)) {
      this.#index.delete(keyHex);
      this.#damaged.add(keyHex);
      this.#repairAt.set(keyHex, offset);
      return false;
    }
    return true;
  }

  /**
   * Appends a record unless the key is already stored; a key whose record was found damaged is
   * rewritten in its old place instead.
   * @param keyHex lower-case hex of 32 bytes.
   * @param payload exactly `payloadBytes` bytes.
   * @returns whether it was written.
   */
  append(keyHex: string, payload: Uint8Array): boolean {
    if (this.#closed) throw new Error(`${this.file} is closed`);
    if (this.#index.has(keyHex)) return false;
    if (payload.byteLength !== this.payloadBytes || !hexKey.test(keyHex)) {
      throw new RangeError(`Bad record for ${this.file}: key ${keyHex}, ${payload.byteLength} payload bytes where ${this.payloadBytes} are expected.`);
    }
    const record = Buffer.alloc(this.#recordBytes);
    record.write(keyHex, 0, 'hex');
    record.set(payload, KEY_BYTES);
    const end = this.#recordBytes - CHECKSUM_BYTES;
    record.writeUInt32LE(crc32(record.subarray(0, end)), end);
    const repairAt = this.#repairAt.get(keyHex);
    const offset = repairAt ?? this.#size;
    fs.writeSync(this.#fd, record, 0, record.length, offset);
    this.#index.set(keyHex, offset);
    if (repairAt === undefined) this.#size += this.#recordBytes;
    else this.#repairAt.delete(keyHex);
    return true;
  }

  /** Closes the file; safe to call more than once. */
  close(): void {
    if (!this.#closed) fs.closeSync(this.#fd);
    this.#closed = true;
  }
}

/** The one warning of a run or search whose caches held damaged records (each was dropped and computed again). */
export function describeCorruptCacheRecords(count: number, cacheDir: string): string {
  const records = count === 1 ? '1 cache record' : `${count} cache records`;
  return `${records} in ${cacheDir} failed their checksum (changed on disk); they were ignored and computed again, so the results are unaffected. Check the disk if this recurs.`;
}
