import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { EngineError, messageOf } from '../../errors/errors.js';
import type { ModelConfig } from '../../families/modelFamily.js';
import { familyOf } from '../../families/modelFamilies.js';
import type { EmbeddingMatrix } from '../../zeroshot/zeroShotClassification.js';
import type { Ort } from './onnxRuntime.js';
import { readFloatTensor, toOrtTensor, type TowerValueType } from './ortSession.js';

/** What one tower's graph must look like (Optimum / transformers.js names). */
export interface TowerSpec {
  readonly role: 'vision' | 'text';
  /** The input stroop feeds, e.g. `pixel_values`. */
  readonly input: string;
  readonly inputTypes: readonly TowerValueType[];
  /** Expected input shape; `null` marks the batch axis, which must be dynamic. Symbolic axes match any size. */
  readonly inputShape: readonly (number | null)[];
  /** The names the embedding output may have, in order of preference, e.g. `image_embeds`. */
  readonly outputs: readonly string[];
  readonly outputTypes: readonly TowerValueType[];
  /** Width of the embedding: the output is `[batch, outputDim]`. */
  readonly outputDim: number;
  /** Further inputs stroop knows how to fill (with ones): `attention_mask` on the text side. */
  readonly onesInputs: readonly string[];
}

/** A checked tower graph: the names and element types to feed and read. */
export interface TowerIo {
  readonly input: string;
  readonly inputType: TowerValueType;
  /** Inputs filled with ones, shaped like `input` (`attention_mask`). */
  readonly ones: readonly { readonly name: string; readonly type: TowerValueType }[];
  readonly output: string;
  readonly outputType: TowerValueType;
}

const floats: readonly TowerValueType[] = ['float32', 'float16'];

/**
 * The graphs `config` implies: pixel_values [batch, C, R, R] -> image_embeds, input_ids
 * [batch, context] -> text_embeds (or the other output names the model's family accepts).
 */
export function towerSpecs(config: ModelConfig): { readonly vision: TowerSpec; readonly text: TowerSpec } {
  const { vision, text, projectionDim } = config;
  const outputs = familyOf(config).onnxOutputs;
  return {
    vision: {
      role: 'vision',
      input: 'pixel_values',
      inputTypes: floats,
      inputShape: [null, vision.numChannels, vision.imageSize, vision.imageSize],
      outputs: outputs.vision,
      outputTypes: floats,
      outputDim: projectionDim,
      onesInputs: [],
    },
    text: {
      role: 'text',
      input: 'input_ids',
      inputTypes: ['int64', 'int32'],
      inputShape: [null, text.maxPositionEmbeddings],
      outputs: outputs.text,
      outputTypes: floats,
      outputDim: projectionDim,
      onesInputs: ['attention_mask'],
    },
  };
}

type Metadata = InferenceSession.ValueMetadata;

function formatShape(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : d === '' ? '?' : d)).join(', ')}]`;
}

function describe(m: Metadata): string {
  return m.isTensor ? `${m.name} ${m.type} ${formatShape(m.shape)}` : `${m.name} (not a tensor)`;
}

function typeOf(m: Metadata, allowed: readonly TowerValueType[], fail: (why: string) => never): TowerValueType {
  if (!m.isTensor) return fail(`'${m.name}' is not a tensor`);
  const type = allowed.find((t) => t === m.type);
  return type ?? fail(`'${m.name}' is ${m.type}, expected ${allowed.join(' or ')}`);
}

/** Whether a declared shape disagrees with `expected`: another rank, a static axis of another size, or a fixed batch. */
function shapeMismatch(shape: readonly (number | string)[], expected: readonly (number | null)[]): boolean {
  if (shape.length === 0) return false; // the graph declares no shape: checked after each run
  if (shape.length !== expected.length) return true;
  return expected.some((want, axis) => {
    const got = shape[axis];
    return typeof got === 'number' && got !== want;
  });
}

/**
 * Checks a tower session's inputs and outputs against `spec` and says what to feed and read.
 *
 * @throws EngineError naming `file`, the names/types/shapes that were expected and those found
 *   (e.g. an export whose output is `pooler_output`, or one made for another image size).
 */
export function describeTowerIo(session: InferenceSession, spec: TowerSpec, file: string): TowerIo {
  const inputs = session.inputMetadata;
  const outputs = session.outputMetadata;
  const found = `inputs: ${inputs.map(describe).join(', ') || 'none'}; outputs: ${outputs.map(describe).join(', ') || 'none'}`;
  const fail = (why: string): never => {
    throw new EngineError(`${file} is not a ${spec.role} tower stroop can run: ${why} (found ${found}).`, 'onnx');
  };
  const expectedInput = `${spec.input} ${spec.inputTypes.join('|')} ${formatShape(spec.inputShape.map((d) => d ?? 'batch'))}`;
  const input = inputs.find((m) => m.name === spec.input) ?? fail(`no input '${spec.input}', expected ${expectedInput}`);
  const extra = inputs.filter((m) => m.name !== spec.input && !spec.onesInputs.includes(m.name));
  if (extra.length > 0) fail(`unexpected inputs ${extra.map((m) => `'${m.name}'`).join(', ')}, expected only ${[spec.input, ...spec.onesInputs].join(' and ')}`);
  const wanted = spec.outputs.map((name) => `'${name}'`).join(' or ');
  const outputName = spec.outputs.find((name) => outputs.some((m) => m.name === name));
  const output = outputs.find((m) => m.name === outputName) ?? fail(`no output ${wanted} (the projected ${spec.role} embedding)`);

  const inputType = typeOf(input, spec.inputTypes, fail);
  if (input.isTensor && shapeMismatch(input.shape, spec.inputShape)) fail(`input '${spec.input}' is ${formatShape(input.shape)}, expected ${expectedInput}`);
  const outputType = typeOf(output, spec.outputTypes, fail);
  if (output.isTensor && shapeMismatch(output.shape, [null, spec.outputDim])) {
    fail(`output '${output.name}' is ${formatShape(output.shape)}, expected [batch, ${spec.outputDim}] (projection_dim in config.json)`);
  }
  const ones = inputs
    .filter((m) => spec.onesInputs.includes(m.name))
    .map((m) => ({ name: m.name, type: typeOf(m, ['int64', 'int32', 'float32'], fail) }));
  return { input: spec.input, inputType, ones, output: output.name, outputType };
}

/** One encoder graph in an onnxruntime session: plain numbers in, an embedding matrix out. */
export class OnnxTower {
  #session: InferenceSession | undefined;

  constructor(
    private readonly ort: Ort,
    session: InferenceSession,
    readonly io: TowerIo,
    /** Where the graph came from, for messages (a file, or `file (text tower)` for a combined graph). */
    readonly source: string,
    /** Width of each output row. */
    readonly dim: number,
    /**
     * Run one sample per call: the graph quantizes activations with one scale per batch (see
     * quantizesActivationsPerBatch), so only this keeps an embedding a function of its own input.
     */
    readonly perSample = false,
  ) {
    this.#session = session;
  }

  /**
   * Runs the graph on `values` shaped `dims` (batch first) and returns `[dims[0], dim]` embeddings
   * (one sample per call when `perSample`).
   * @throws EngineError when onnxruntime fails or the output is not `[batch, dim]` floats.
   */
  async run(values: Float32Array | Int32Array, dims: readonly number[]): Promise<EmbeddingMatrix> {
    const rows = dims[0] ?? 0;
    if (!this.perSample || rows <= 1) return this.#runBatch(values, dims);
    const per = values.length / rows;
    const data = new Float32Array(rows * this.dim);
    for (let r = 0; r < rows; r++) {
      const one = await this.#runBatch(values.subarray(r * per, (r + 1) * per), [1, ...dims.slice(1)]);
      data.set(one.data, r * this.dim);
    }
    return { rows, dim: this.dim, data };
  }

  async #runBatch(values: Float32Array | Int32Array, dims: readonly number[]): Promise<EmbeddingMatrix> {
    const session = this.#session;
    if (session === undefined) throw new EngineError('This onnx engine has been disposed.', 'onnx');
    const { io } = this;
    const feeds: Record<string, Tensor> = { [io.input]: toOrtTensor(this.ort, values, io.inputType, dims) };
    for (const extra of io.ones) feeds[extra.name] = toOrtTensor(this.ort, new Int32Array(values.length).fill(1), extra.type, dims);
    let result: InferenceSession.ReturnType;
    try {
      result = await session.run(feeds, [io.output]);
    } catch (error) {
      throw new EngineError(`ONNX Runtime failed running ${this.source}: ${messageOf(error)}`, 'onnx', { cause: error });
    }
    const tensor = result[io.output];
    const rows = dims[0] ?? 0;
    const data = tensor === undefined ? undefined : readFloatTensor(tensor);
    const shape = tensor?.dims ?? [];
    if (data === undefined || shape.length !== 2 || shape[0] !== rows || shape[1] !== this.dim) {
      throw new EngineError(
        `${this.source} returned '${io.output}' as ${tensor === undefined ? 'nothing' : `${tensor.type} [${shape.join(', ')}]`}, expected float [${rows}, ${this.dim}].`,
        'onnx',
      );
    }
    return { rows, dim: this.dim, data };
  }

  /** Frees the session. Safe to call more than once. */
  release(): void {
    const session = this.#session;
    this.#session = undefined;
    session?.release().catch(() => undefined);
  }
}
