import { ModelLoadError, messageOf } from '../errors/errors.js';

/** The engines whose files a hub download can be limited to; `auto` is onnx when the repo has ONNX graphs, else tfjs. */
export type HubEngine = 'tfjs' | 'onnx' | 'auto';

/** ONNX weight precision: file suffix `''`, `_fp16`, `_quantized` (the transformers.js / Optimum names). */
export type HubDtype = 'fp32' | 'fp16' | 'q8';

/** The files a selector picked from a list, or why it could not. */
export type FileSelection = { readonly files: readonly string[]; readonly problem?: undefined } | { readonly files?: undefined; readonly problem: string };

const onnxSuffix: Readonly<Record<HubDtype, string>> = Object.freeze({ fp32: '', fp16: '_fp16', q8: '_quantized' });

/** Files every engine reads: configuration and preprocessing. */
const requiredShared = ['config.json', 'preprocessor_config.json'];
/**
 * The tokenizers stroop reads, each a set of files that is complete on its own: CLIP's BPE,
 * a `tokenizer.json` (SigLIP 2's Gemma BPE) or a SentencePiece `spiece.model` (SigLIP). The
 * family (from config.json, not known before download) picks one: a repository with CLIP's
 * files gets only those (its tokenizer.json would be a 2 MB copy); otherwise every set it has is
 * fetched, with the optional files that configure them.
 */
const clipTokenizer = ['vocab.json', 'merges.txt'];
const tokenizerSets: readonly (readonly string[])[] = [clipTokenizer, ['tokenizer.json'], ['spiece.model']];
const optionalShared = ['tokenizer_config.json', 'special_tokens_map.json'];

function sharedFiles(files: ReadonlySet<string>): string[] {
  const missing = requiredShared.filter((f) => !files.has(f));
  if (missing.length > 0) {
    throw new ModelLoadError(`the repository lacks ${missing.join(', ')} (every model needs ${requiredShared.join(' and ')})`);
  }
  const complete = tokenizerSets.filter((set) => set.every((f) => files.has(f)));
  const tokenizers = complete.includes(clipTokenizer) ? [clipTokenizer] : complete;
  if (tokenizers.length === 0) {
    throw new ModelLoadError(
      `the repository has no tokenizer stroop reads: it needs ${tokenizerSets.map((set) => set.join(' + ')).join(', or ')} (CLIP: vocab.json + merges.txt; SigLIP: spiece.model; SigLIP 2: tokenizer.json)`,
    );
  }
  return [...requiredShared, ...tokenizers.flat(), ...optionalShared.filter((f) => files.has(f))];
}

function tfjsWeights(files: ReadonlySet<string>): string[] {
  if (files.has('model.safetensors')) return ['model.safetensors'];
  if (files.has('model.safetensors.index.json')) {
    // Shards sit next to the index; their names are in its weight_map, which is not known before download.
    const shards = [...files].filter((f) => !f.includes('/') && f.endsWith('.safetensors') && f !== 'openai_state_dict.safetensors');
    return ['model.safetensors.index.json', ...shards];
  }
  if (files.has('openai_state_dict.safetensors')) return ['openai_state_dict.safetensors'];
  const weights = [...files].filter((f) => /\.(bin|pt|pth|h5|msgpack|ckpt)$/.test(f));
  throw new ModelLoadError(
    'the tfjs engine needs model.safetensors, model.safetensors.index.json with its shards, or openai_state_dict.safetensors; ' +
      (weights.length > 0 ? `the repository has only ${weights.join(', ')}` : 'the repository has no weights file'),
  );
}

function withExternalData(graph: string, files: ReadonlySet<string>): string[] {
  return [graph, ...[...files].filter((f) => f.startsWith(`${graph}_data`) || f === `${graph}.data`).sort()];
}

function onnxGraphs(dtype: HubDtype, files: ReadonlySet<string>): string[] {
  const suffix = onnxSuffix[dtype];
  const vision = `onnx/vision_model${suffix}.onnx`;
  const text = `onnx/text_model${suffix}.onnx`;
  const combined = `onnx/model${suffix}.onnx`;
  if (files.has(vision) && files.has(text)) return [...withExternalData(vision, files), ...withExternalData(text, files)];
  if (files.has(combined)) return withExternalData(combined, files);
  const found = [...files].filter((f) => f.endsWith('.onnx'));
  throw new ModelLoadError(
    `the onnx engine with --dtype ${dtype} needs ${vision} and ${text} (or ${combined}); ` +
      (found.length > 0 ? `the repository has ${found.join(', ')}` : 'the repository has no .onnx files (export them with stroop export-onnx)'),
  );
}

/**
 * The repository files an engine needs, chosen from the repo's file list (repo-relative
 * POSIX paths): the config, preprocessing and tokenizer files (of any family), plus for `tfjs` one set of
 * safetensors weights and for `onnx` the vision and text graphs of `dtype` (with their
 * external-data files). `tfjs` ignores `dtype`.
 *
 * @throws ModelLoadError saying which files are needed and which were found.
 */
export function filesForEngine(engine: HubEngine, dtype: HubDtype, repoFiles: readonly string[]): string[] {
  const files = new Set(repoFiles);
  const useOnnx = engine === 'onnx' || (engine === 'auto' && repoFiles.some((f) => f.startsWith('onnx/') && f.endsWith('.onnx')));
  return [...sharedFiles(files), ...(useOnnx ? onnxGraphs(dtype, files) : tfjsWeights(files))];
}

/**
 * Applies a file selector (e.g. filesForEngine) to a list of available files, checking that
 * every file it picks is in the list. A selector that throws means the list lacks what the
 * engine needs; its message becomes the problem.
 */
export function selectFiles(select: (files: readonly string[]) => readonly string[], available: readonly string[]): FileSelection {
  let picked: readonly string[];
  try {
    picked = select(available);
  } catch (error) {
    return { problem: messageOf(error) };
  }
  const have = new Set(available);
  const absent = picked.filter((f) => !have.has(f));
  return absent.length > 0 ? { problem: `${absent.join(', ')} not found` } : { files: [...new Set(picked)] };
}
