import { open, readFile, type FileHandle } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { EngineError, messageOf } from '../../errors/errors.js';
import type { OnnxModelFiles } from './onnxModelFiles.js';

/** The ONNX protobuf classes (onnx-proto is CommonJS; this is its one import site in the engine). */
export const onnx = onnxProto.onnx;
export type { OnnxTypes };

/** A tower's graph for onnxruntime: a file path, or a serialised model cut from a combined graph. */
export interface TowerSource {
  readonly model: string | Uint8Array;
  /** How messages name it. */
  readonly source: string;
}

type Node = OnnxTypes.INodeProto;
type Graph = OnnxTypes.IGraphProto;

/** Ops between an embedding and its L2 norm in exported `x / x.norm(dim=-1, keepdim=True)`. */
const normOps = new Set(['ReduceL2', 'Sqrt', 'ReduceSum', 'Pow', 'Mul', 'Clip', 'Max', 'Add', 'Expand', 'Cast', 'Abs']);

/** Every tensor name a node reads, including outer-scope names read inside its subgraphs (If, Loop, Scan). */
function readsOf(node: Node): string[] {
  const names = [...(node.input ?? [])];
  const visit = (graph: Graph | null | undefined) => graph?.node?.forEach((inner) => names.push(...readsOf(inner)));
  for (const attribute of node.attribute ?? []) {
    visit(attribute.g);
    attribute.graphs?.forEach(visit);
  }
  return names.filter((name) => name !== '');
}

/** Whether `denominator` is computed from `x` through norm ops only (a few steps back). */
function isNormOf(denominator: string, x: string, producer: ReadonlyMap<string, Node>): boolean {
  const frontier = [{ name: denominator, depth: 0 }];
  while (frontier.length > 0) {
    const { name, depth } = frontier.pop() ?? { name: '', depth: 0 };
    if (name === x) return depth > 0;
    const node = producer.get(name);
    if (node === undefined || depth >= 8 || !normOps.has(node.opType ?? '')) continue;
    for (const input of node.input ?? []) frontier.push({ name: input, depth: depth + 1 });
  }
  return false;
}

/**
 * Cuts one tower out of a combined CLIP graph (Hugging Face `CLIPModel` export): keeps only the
 * nodes, initializers and inputs that `output` depends on, so the other tower's input need not be
 * fed. `CLIPModel` L2-normalises `text_embeds`/`image_embeds`; when `output` is such a division,
 * the division is dropped so the tower returns projected, unnormalised embeddings like
 * `text_model.onnx` does. `model` is not modified.
 *
 * @param model the decoded `model.onnx`; @param file its path, for messages.
 * @returns the serialised single-tower model, with `output` as its only output.
 * @throws EngineError when the graph has no `output`, or keeps its weights in external data files.
 */
export function extractTowerGraph(model: OnnxTypes.IModelProto, output: string, file: string): Uint8Array {
  const graph = model.graph;
  const outputs = graph?.output ?? [];
  const declared = outputs.find((info) => info.name === output);
  if (graph === null || graph === undefined || declared === undefined) {
    const found = outputs.map((info) => info.name).join(', ') || 'none';
    throw new EngineError(`${file} has no output '${output}' (found outputs: ${found}); stroop needs Hugging Face CLIPModel output names.`, 'onnx');
  }
  const nodes = graph.node ?? [];
  const producer = new Map<string, Node>();
  for (const node of nodes) for (const name of node.output ?? []) producer.set(name, node);

  const last = producer.get(output);
  const [numerator = '', denominator = ''] = last?.input ?? [];
  const normalised = last?.opType === 'Div' && isNormOf(denominator, numerator, producer);
  const source = normalised ? numerator : output;

  const needed = new Set<string>();
  const kept = new Set<Node>();
  const pending = [source];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (needed.has(name)) continue;
    needed.add(name);
    const node = producer.get(name);
    if (node !== undefined && !kept.has(node)) {
      kept.add(node);
      pending.push(...readsOf(node));
    }
  }
  const initializer = (graph.initializer ?? []).filter((t) => needed.has(t.name ?? ''));
  if (initializer.some((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)) {
    throw new EngineError(`${file} keeps its weights in external data files, which a combined graph cannot be split with; use vision_model.onnx and text_model.onnx.`, 'onnx');
  }
  const renamed = (names: string[] | null | undefined) => (names ?? []).map((name) => (name === source ? output : name));
  const tower: Graph = {
    ...graph,
    node: nodes.filter((node) => kept.has(node)).map((node) => (normalised ? { ...node, input: renamed(node.input), output: renamed(node.output) } : node)),
    initializer,
    sparseInitializer: (graph.sparseInitializer ?? []).filter((t) => needed.has(t.values?.name ?? '')),
    input: (graph.input ?? []).filter((info) => needed.has(info.name ?? '')),
    valueInfo: (graph.valueInfo ?? []).filter((info) => needed.has(info.name ?? '') && info.name !== source),
    output: [declared],
  };
  return onnx.ModelProto.encode({ ...model, graph: tower }).finish();
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

/** Reads `length` bytes at `position` of a model, from a file or from memory. */
type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

/** Protobuf field numbers: ModelProto.graph, GraphProto.node, NodeProto.op_type. */
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const NODE_OP_TYPE = 4;
/** Wire types: varint, 64-bit, length-delimited, 32-bit. */
const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;
const FIXED32 = 5;

async function readVarint(read: ReadAt, position: number): Promise<{ value: number; next: number }> {
  const bytes = await read(position, 10);
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, next: position + i + 1 };
  }
  throw new Error(`malformed protobuf varint at byte ${position}`);
}

/** Calls `onField` for each field of the message in [start, end); length-delimited ones get their byte range. */
async function walkFields(read: ReadAt, start: number, end: number, onField: (field: number, from: number, to: number) => Promise<void>): Promise<void> {
  let position = start;
  while (position < end) {
    const key = await readVarint(read, position);
    const field = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (wire === VARINT) position = (await readVarint(read, key.next)).next;
    else if (wire === FIXED64) position = key.next + 8;
    else if (wire === FIXED32) position = key.next + 4;
    else if (wire === BYTES) {
      const length = await readVarint(read, key.next);
      await onField(field, length.next, length.next + length.value);
      position = length.next + length.value;
    } else throw new Error(`unsupported protobuf wire type ${wire} at byte ${position}`);
  }
}

/** Bytes of a file the walker reads at once: nodes lie together, so one window holds many. */
const WINDOW_BYTES = 1 << 16;

/** Reads through a window of the file, so the many small reads of a walk cost few system calls. */
function windowedReader(file: FileHandle, size: number): ReadAt {
  let window = Buffer.alloc(0);
  let windowStart = 0;
  return async (position, length) => {
    const end = Math.min(position + length, size);
    if (position < windowStart || end > windowStart + window.length) {
      window = Buffer.alloc(Math.max(0, Math.min(Math.max(WINDOW_BYTES, length), size - position)));
      windowStart = position;
      await file.read(window, 0, window.length, position);
    }
    return window.subarray(position - windowStart, end - windowStart);
  };
}

/**
 * The op types of an ONNX model's top-level graph nodes (`domain` not included), read by walking
 * the protobuf's structure: weights are skipped by their lengths, never read, and each node is
 * read once, so a 350 MB graph costs a few reads per node. Subgraphs (If, Loop) are not entered.
 * @param model a file path or the serialised model.
 */
export async function graphOpTypes(model: string | Uint8Array): Promise<Set<string>> {
  const file = typeof model === 'string' ? await open(model, 'r') : undefined;
  try {
    const size = file === undefined ? (model as Uint8Array).byteLength : (await file.stat()).size;
    const read: ReadAt = file === undefined ? async (position, length) => (model as Uint8Array).subarray(position, Math.min(position + length, size)) : windowedReader(file, size);
    const ops = new Set<string>();
    const decoder = new TextDecoder();
    await walkFields(read, 0, size, async (field, from, to) => {
      if (field !== MODEL_GRAPH) return;
      await walkFields(read, from, to, async (graphField, nodeFrom, nodeTo) => {
        if (graphField !== GRAPH_NODE) return;
        // A node is small: read it once and walk it in memory.
        const node = await read(nodeFrom, nodeTo - nodeFrom);
        const inNode: ReadAt = async (position, length) => node.subarray(position, position + length);
        await walkFields(inNode, 0, node.length, async (nodeField, a, b) => {
          if (nodeField === NODE_OP_TYPE) ops.add(decoder.decode(node.subarray(a, b)));
        });
      });
    });
    return ops;
  } finally {
    await file?.close();
  }
}

/**
 * Whether an ONNX graph quantizes activations dynamically: `DynamicQuantizeLinear` (ONNX) or the
 * contrib `DynamicQuantizeMatMul` / `DynamicQuantizeLSTM`, as stroop's q8 export, onnxruntime's
 * `quantize_dynamic`, Optimum and transformers.js `*_quantized.onnx` use. They take one int8
 * scale per tensor, computed from the whole batch, so an image's embedding depends on the other
 * images of its batch.
 */
export async function quantizesActivationsPerBatch(model: string | Uint8Array): Promise<boolean> {
  return [...(await graphOpTypes(model))].some((op) => op.startsWith('DynamicQuantize'));
}
