import { embedPromptTexts } from '../embed/embedPromptTexts.js';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import { buildClassEmbeddings, expandPrompts } from '../zeroshot/classEmbeddings.js';
import type { EmbeddingStore } from '../store/EmbeddingStore.js';
import { sha256Hex } from '../util/sha256Hex.js';

/**
 * Prompt-ensembled class embeddings, with every prompt's text embedding cached in `store`
 * (keyed by the SHA-256 of the prompt), so a re-run embeds no text and loads no tokenizer
 * (`tokenizer` is called only when a prompt is missing; loading one takes a few hundred ms).
 */
export async function classEmbeddingsFor(
  engine: EmbeddingEngine,
  tokenizer: () => Promise<TextTokenizer>,
  classes: readonly string[],
  templates: readonly string[],
  store: EmbeddingStore,
): Promise<EmbeddingMatrix> {
  const prompts = expandPrompts(classes, templates);
  const keys = prompts.map((p) => sha256Hex(p));
  const missing = [...new Set(prompts.filter((_, i) => !store.has(keys[i] as string)))];
  if (missing.length > 0) {
    const embedded = await embedPromptTexts(engine, await tokenizer(), missing);
    missing.forEach((prompt, i) => store.put(sha256Hex(prompt), embedded.data.slice(i * embedded.dim, (i + 1) * embedded.dim)));
  }
  const dim = engine.config.projectionDim;
  const data = new Float32Array(prompts.length * dim);
  keys.forEach((key, i) => data.set(store.get(key) as Float32Array, i * dim));
  return buildClassEmbeddings({ rows: prompts.length, dim, data }, classes.length, templates.length);
}
