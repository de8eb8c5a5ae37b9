import { UsageError } from '../errors/errors.js';
import type { PromptEnsemble } from './protocols.js';
import { normalizeRows, type EmbeddingMatrix } from './zeroShotClassification.js';

/** The placeholder a template must contain; each occurrence is replaced by the class name. */
export const CLASS_PLACEHOLDER = '{}';

/**
 * Every prompt of a zero-shot classifier, class-major: row `c * templates.length + t` is
 * template t filled with class c.
 */
export function expandPrompts(classNames: readonly string[], templates: readonly string[]): string[] {
  if (classNames.length === 0) throw new UsageError('The label list is empty: give at least one class name.', '--labels');
  const blank = classNames.findIndex((name) => name.trim() === '');
  if (blank >= 0) throw new UsageError(`Class name ${blank + 1} is empty: every label needs text.`, '--labels');
  if (templates.length === 0) throw new UsageError('No prompt templates: give at least one, e.g. "a photo of a {}."', '--template');
  const bad = templates.find((t) => !t.includes(CLASS_PLACEHOLDER));
  if (bad !== undefined) {
    throw new UsageError(`Template ${JSON.stringify(bad)} has no '{}' placeholder for the class name (e.g. "a photo of a {}.").`, '--template');
  }
  return classNames.flatMap((name) => templates.map((t) => t.replaceAll(CLASS_PLACEHOLDER, name)));
}

/**
 * Prompt ensembling: each class embedding is the normalised mean of its prompt embeddings, each
 * normalised first (`normalized-mean`, OpenAI's, the default) or as the encoder returned them
 * (`raw-mean`, SCAM's).
 * @param promptEmbeddings class-major rows (see expandPrompts), `classCount * templatesPerClass` rows.
 * @returns `classCount` unit-norm rows.
 */
export function buildClassEmbeddings(
  promptEmbeddings: EmbeddingMatrix,
  classCount: number,
  templatesPerClass: number,
  ensemble: PromptEnsemble = 'normalized-mean',
): EmbeddingMatrix {
  if (promptEmbeddings.rows !== classCount * templatesPerClass) {
    throw new RangeError(`Expected ${classCount} x ${templatesPerClass} prompt embeddings, got ${promptEmbeddings.rows}.`);
  }
  const unit = ensemble === 'normalized-mean' ? normalizeRows(promptEmbeddings) : promptEmbeddings;
  const { dim } = unit;
  const means = new Float32Array(classCount * dim);
  for (let c = 0; c < classCount; c++) {
    for (let t = 0; t < templatesPerClass; t++) {
      const row = (c * templatesPerClass + t) * dim;
      for (let i = 0; i < dim; i++) means[c * dim + i] = (means[c * dim + i] ?? 0) + (unit.data[row + i] ?? 0) / templatesPerClass;
    }
  }
  return normalizeRows({ rows: classCount, dim, data: means });
}
