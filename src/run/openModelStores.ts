import path from 'node:path';
import { EmbeddingStore } from './EmbeddingStore.js';
import { specHash } from './specHash.js';

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
