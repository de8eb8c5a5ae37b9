import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import { concatEmbeddings } from './concatEmbeddings.js';
import { buildClassEmbeddings, expandPrompts } from '../zeroshot/classEmbeddings.js';

/** Tokenizes `texts` and embeds them in batches of `batchSize`, in order. */
export async function embedPromptTexts(
  engine: EmbeddingEngine,
  tokenizer: TextTokenizer,
  texts: readonly string[],
  batchSize = 256,
): Promise<EmbeddingMatrix> {
  const contextLength = engine.config.text.maxPositionEmbeddings;
  const parts: EmbeddingMatrix[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    parts.push(await engine.embedTexts(tokenizer.tokenize(batch, contextLength), batch.length));
  }
  return concatEmbeddings(parts, engine.config.projectionDim);
}

/** Prompt-ensembled class embeddings: every class in every template embedded, averaged per class, normalised (see buildClassEmbeddings). */
export async function embedClassPrompts(engine: EmbeddingEngine, tokenizer: TextTokenizer, classes: readonly string[], templates: readonly string[]): Promise<EmbeddingMatrix> {
  const promptEmbeddings = await embedPromptTexts(engine, tokenizer, expandPrompts(classes, templates));
  return buildClassEmbeddings(promptEmbeddings, classes.length, templates.length);
}
