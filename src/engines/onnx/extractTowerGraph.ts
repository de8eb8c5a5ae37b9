import { EngineError } from '../../errors/EngineError.js';
import { onnx, type OnnxTypes } from './onnxProto.js';

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
