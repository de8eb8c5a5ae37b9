import { readFile } from 'node:fs/promises';
import { EngineError } from '../../errors/EngineError.js';
import { extractTowerGraph } from './extractTowerGraph.js';
import type { OnnxModelFiles } from './locateOnnxModel.js';
import { onnx } from './onnxProto.js';
import { messageOf } from '../../util/messageOf.js';

/** A tower's graph for onnxruntime: a file path, or a serialised model cut from a combined graph. */
export interface TowerSource {
  readonly model: string | Uint8Array;
  /** How messages name it. */
  readonly source: string;
}

/** Reads and decodes an ONNX file, naming it when it is not one. */
async function readOnnxModel(file: string): Promise<{ bytes: Uint8Array; model: ReturnType<typeof onnx.ModelProto.decode> }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new EngineError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, 'onnx', { cause: error });
  }
  try {
    return { bytes, model: onnx.ModelProto.decode(bytes) };
  } catch (error) {
    throw new EngineError(`${file} is not a valid ONNX model (${messageOf(error)}).`, 'onnx', { cause: error });
  }
}

/**
 * The vision and text graphs of `files`: the two files as they are, or both towers cut out of
 * the combined graph (see extractTowerGraph).
 */
export async function readTowerSources(files: OnnxModelFiles): Promise<{ readonly vision: TowerSource; readonly text: TowerSource }> {
  if (files.kind === 'split') return { vision: { model: files.vision, source: files.vision }, text: { model: files.text, source: files.text } };
  const { model } = await readOnnxModel(files.model);
  return {
    vision: { model: extractTowerGraph(model, 'image_embeds', files.model), source: `${files.model} (vision tower)` },
    text: { model: extractTowerGraph(model, 'text_embeds', files.model), source: `${files.model} (text tower)` },
  };
}
