import { RecordFile } from './RecordFile.js';
import path from 'node:path';
import { specHash } from '../util/hashing.js';

/**
 * A disk cache of embeddings keyed by a SHA-256 (of an image file, a rendered image's RGBA
 * bytes, a prompt): one append-only file of fixed-size, checksummed records
 * `[32-byte key][dim float32][CRC-32]` (see RecordFile), indexed in memory when opened. A record
 * torn by a killed process is cut off on open; a record whose bytes changed is a miss (counted in
 * {@link corruptRecords}) and is rewritten when the embedding is stored again.
 */
export class EmbeddingStore {
  readonly #records: RecordFile;

  private constructor(
    records: RecordFile,
    /** Values per embedding, >= 1. */
    readonly dim: number,
  ) {
    this.#records = records;
  }

  static open(file: string, dim: number): EmbeddingStore {
    return new EmbeddingStore(RecordFile.open(file, 4 * dim), dim);
  }

  get file(): string {
    return this.#records.file;
  }

  get size(): number {
    return this.#records.size;
  }

  /** Records found damaged (and dropped) since opening; each is computed and stored again. */
  get corruptRecords(): number {
    return this.#records.corruptRecords;
  }

  /** Whether an intact embedding of `keyHex` is stored. */
  has(keyHex: string): boolean {
    return this.#records.has(keyHex);
  }

  /** The stored embedding, or undefined (not stored, or its record failed its checksum). */
  get(keyHex: string): Float32Array | undefined {
    const bytes = this.#records.read(keyHex);
    return bytes === undefined ? undefined : new Float32Array(bytes.buffer, bytes.byteOffset, this.dim);
  }

  /**
   * Stores an embedding (first write wins: the same key means the same input).
   * @throws RangeError for a wrong length or a value that is not finite (engines refuse those, so it is a bug).
   */
  put(keyHex: string, embedding: Float32Array): void {
    if (embedding.length !== this.dim) throw new RangeError(`Bad cache record for ${this.file}: ${embedding.length} values for dim ${this.dim}.`);
    const bad = embedding.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`Refusing to cache a non-finite embedding in ${this.file}: value ${bad} is ${embedding[bad]}.`);
    this.#records.append(keyHex, new Uint8Array(embedding.buffer, embedding.byteOffset, embedding.byteLength));
  }

  close(): void {
    this.#records.close();
  }
}

/** One model's embedding caches. */
export interface ModelStores {
  /** Prompt embeddings by SHA-256 of the prompt. */
  readonly text: EmbeddingStore;
  /** Clean images by file SHA-256, under one preprocessing. */
  readonly clean: EmbeddingStore;
  /** Attacked images by render hash, under one preprocessing. */
  readonly attacked: EmbeddingStore;
}

/** Opens the embedding caches of a model in its cache folder; image caches are per preprocessing spec. Close each when done. */
export function openModelStores(storeDir: string, preprocessor: unknown, dim: number): ModelStores {
  const preprocessKey = specHash(preprocessor).slice(0, 16);
  return {
    text: EmbeddingStore.open(path.join(storeDir, 'text.bin'), dim),
    clean: EmbeddingStore.open(path.join(storeDir, `clean-${preprocessKey}.bin`), dim),
    attacked: EmbeddingStore.open(path.join(storeDir, `attacked-${preprocessKey}.bin`), dim),
  };
}
