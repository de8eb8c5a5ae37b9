import fs from 'node:fs';
import path from 'node:path';

/** Bytes of a record's key: a SHA-256. */
export const KEY_BYTES = 32;

const hexKey = /^[0-9a-f]{64}$/;

/**
 * An append-only file of fixed-size records `[32-byte key][payload]`, indexed in memory (key ->
 * offset) when opened; payloads stay on disk. A record torn by a killed process is cut off on
 * open. The first record of a key wins: the same key means the same input, so the same value.
 */
export class RecordFile {
  readonly #fd: number;
  readonly #index = new Map<string, number>();
  readonly #recordBytes: number;
  #size: number;
  #closed = false;

  private constructor(
    readonly file: string,
    /** Bytes after the key in each record, >= 1. */
    readonly payloadBytes: number,
  ) {
    this.#recordBytes = KEY_BYTES + payloadBytes;
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
        if (!this.#index.has(key)) this.#index.set(key, start + at + KEY_BYTES);
      }
    }
  }

  static open(file: string, payloadBytes: number): RecordFile {
    if (!(Number.isInteger(payloadBytes) && payloadBytes >= 1)) throw new RangeError(`A record payload is a whole number of bytes >= 1, got ${payloadBytes}.`);
    return new RecordFile(file, payloadBytes);
  }

  /** Distinct keys stored. */
  get size(): number {
    return this.#index.size;
  }

  has(keyHex: string): boolean {
    return this.#index.has(keyHex);
  }

  /**
   * The payload stored for `keyHex` (a fresh buffer), or undefined. The record's key is read back
   * and checked: two processes appending to one file at once (shards sharing a cache) can write
   * over each other's records, and then this is a miss, never another key's payload.
   */
  read(keyHex: string): Buffer | undefined {
    const offset = this.#index.get(keyHex);
    if (offset === undefined) return undefined;
    const record = Buffer.alloc(this.#recordBytes);
    const read = fs.readSync(this.#fd, record, 0, record.length, offset - KEY_BYTES);
    if (read !== record.length || record.toString('hex', 0, KEY_BYTES) !== keyHex) {
      this.#index.delete(keyHex);
      return undefined;
    }
    return record.subarray(KEY_BYTES);
  }

  /**
   * Appends a record unless the key is already stored.
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
    fs.writeSync(this.#fd, record, 0, record.length, this.#size);
    this.#index.set(keyHex, this.#size + KEY_BYTES);
    this.#size += this.#recordBytes;
    return true;
  }

  /** Closes the file; safe to call more than once. */
  close(): void {
    if (!this.#closed) fs.closeSync(this.#fd);
    this.#closed = true;
  }
}
