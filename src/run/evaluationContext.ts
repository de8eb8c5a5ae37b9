import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import type { OrientationPolicy } from '../image/decodeImage.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { EmbeddingStore } from '../store/EmbeddingStore.js';
import type { RenderIndex } from '../store/RenderIndex.js';
import type { PlannedAttack } from '../results/runPlan.js';

/** What evaluating samples with one model on one dataset needs. */
export interface EvaluationContext {
  readonly model: string;
  readonly datasetId: string;
  readonly engine: EmbeddingEngine;
  readonly preprocessor: PreprocessorConfig;
  readonly classes: readonly string[];
  /** Unit-norm class embeddings, one row per class. */
  readonly classEmbeddings: EmbeddingMatrix;
  readonly attacks: readonly PlannedAttack[];
  readonly topK: number;
  readonly batch: number;
  /** Images with more pixels are refused before decoding (error outcomes). */
  readonly maxPixels: number;
  /** The dataset's EXIF orientation policy; absent = the default (`exif`). */
  readonly orientation?: OrientationPolicy;
  /** Clean images by file SHA-256, attacked images by render hash. */
  readonly cleanStore: EmbeddingStore;
  readonly attackedStore: EmbeddingStore;
  /** Render key -> render hash, so cached attacked embeddings are found without drawing. */
  readonly renderIndex: RenderIndex;
  /** rendererFingerprint() of this process, part of every render key. */
  readonly renderer: string;
  /** Whether a row is already in the result log (resume). */
  readonly isDone: (key: string) => boolean;
  /** Batch pixel buffers kept from one call to the next (see EmbedQueue); starts empty. */
  readonly pixelBuffers: Float32Array[];
}

/** What a batch of samples cost: the work the caches did not save. */
export interface EvaluationWork {
  /** Image files decoded, or tried (a broken file is tried on every run): clean and real-world attack images. */
  readonly imagesDecoded: number;
  /** Attacks drawn (including unrenderable ones). */
  readonly attacksRendered: number;
  /** Images sent to the engine (clean + attacked), each distinct image once. */
  readonly imagesEmbedded: number;
}
