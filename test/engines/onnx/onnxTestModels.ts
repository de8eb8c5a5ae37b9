import fs from 'node:fs';
import { onnx, type OnnxTypes } from '../../../src/engines/onnx/onnxGraph.js';

/** Hand-built ONNX graphs for the onnx engine's tests (onnx-proto, opset 14 like the fixtures). */

const { FLOAT, FLOAT16, INT64 } = onnx.TensorProto.DataType;
type Dim = number | string;

export function valueInfo(name: string, elemType: number, dims: readonly Dim[]): OnnxTypes.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

export function encodeModel(graph: OnnxTypes.IGraphProto): Uint8Array {
  return onnx.ModelProto.encode({ irVersion: 7, producerName: 'stroop-test', opsetImport: [{ domain: '', version: 14 }], graph }).finish();
}

/** `output = Identity(input)`, with the given names, element types and declared shapes. */
export function identityModel(input: { name: string; type: number; dims: Dim[] }, output: { name: string; type: number; dims: Dim[] }): Uint8Array {
  return encodeModel({
    name: 'identity',
    node: [{ opType: 'Identity', input: [input.name], output: [output.name], name: 'identity' }],
    input: [valueInfo(input.name, input.type, input.dims)],
    output: [valueInfo(output.name, output.type, output.dims)],
  });
}

export function decodeFile(file: string): OnnxTypes.ModelProto {
  return onnx.ModelProto.decode(fs.readFileSync(file));
}

/** Renames every tensor and node of `graph` except its inputs to `prefix + name`; returns the graph. */
function prefixGraph(graph: OnnxTypes.IGraphProto, prefix: string): OnnxTypes.IGraphProto {
  const keep = new Set((graph.input ?? []).map((i) => i.name ?? ''));
  const to = (name: string) => (name === '' || keep.has(name) ? name : prefix + name);
  for (const node of graph.node ?? []) {
    node.name = prefix + (node.name ?? '');
    node.input = (node.input ?? []).map(to);
    node.output = (node.output ?? []).map(to);
  }
  for (const t of graph.initializer ?? []) t.name = to(t.name ?? '');
  for (const v of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) v.name = to(v.name ?? '');
  return graph;
}

function node(opType: string, input: string[], output: string, attribute: OnnxTypes.IAttributeProto[] = []): OnnxTypes.INodeProto {
  return { opType, input, output: [output], name: output, attribute };
}

const ints = (name: string, values: number[]): OnnxTypes.IAttributeProto => ({ name, ints: values, type: onnx.AttributeProto.AttributeType.INTS });
const int = (name: string, value: number): OnnxTypes.IAttributeProto => ({ name, i: value, type: onnx.AttributeProto.AttributeType.INT });

/**
 * A Hugging Face `CLIPModel`-style combined graph built from the fixture's two tower graphs:
 * inputs `input_ids`, `pixel_values`, `attention_mask`; outputs `logits_per_image`,
 * `logits_per_text`, `text_embeds`, `image_embeds` (both L2-normalised, as CLIPModel returns them),
 * `logits_per_image = exp(logitScale) * image_embeds @ text_embeds^T`. The text embedding is
 * multiplied by min(attention_mask), so a mask that is not all ones changes it.
 */
export function combinedClipModel(visionFile: string, textFile: string, logitScale: number): Uint8Array {
  const vision = prefixGraph(decodeFile(visionFile).graph ?? {}, 'v/');
  const text = prefixGraph(decodeFile(textFile).graph ?? {}, 't/');
  const textDims = (text.input?.[0]?.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || Number(d.dimValue));
  const nodes: OnnxTypes.INodeProto[] = [
    ...(vision.node ?? []),
    ...(text.node ?? []),
    node('Cast', ['attention_mask'], 't/mask', [int('to', FLOAT)]),
    node('ReduceMin', ['t/mask'], 't/mask_min', [int('keepdims', 0)]),
    node('Mul', ['t/text_embeds', 't/mask_min'], 't/masked'),
    node('ReduceL2', ['t/masked'], 't/norm', [ints('axes', [-1]), int('keepdims', 1)]),
    node('Div', ['t/masked', 't/norm'], 'text_embeds'),
    node('ReduceL2', ['v/image_embeds'], 'v/norm', [ints('axes', [-1]), int('keepdims', 1)]),
    node('Div', ['v/image_embeds', 'v/norm'], 'image_embeds'),
    node('Transpose', ['text_embeds'], 'text_t', [ints('perm', [1, 0])]),
    node('MatMul', ['image_embeds', 'text_t'], 'cosines'),
    node('Exp', ['logit_scale'], 'scale'),
    node('Mul', ['cosines', 'scale'], 'logits_per_image'),
    node('Transpose', ['logits_per_image'], 'logits_per_text', [ints('perm', [1, 0])]),
  ];
  const scale = { name: 'logit_scale', dims: [], dataType: FLOAT, floatData: [logitScale] };
  const dim = Number(vision.output?.[0]?.type?.tensorType?.shape?.dim?.[1]?.dimValue ?? 0);
  return encodeModel({
    name: 'clip',
    node: nodes,
    initializer: [...(vision.initializer ?? []), ...(text.initializer ?? []), scale],
    input: [...(text.input ?? []), ...(vision.input ?? []), valueInfo('attention_mask', INT64, textDims)],
    output: [
      valueInfo('logits_per_image', FLOAT, ['image_batch', 'text_batch']),
      valueInfo('logits_per_text', FLOAT, ['text_batch', 'image_batch']),
      valueInfo('text_embeds', FLOAT, ['text_batch', dim]),
      valueInfo('image_embeds', FLOAT, ['image_batch', dim]),
    ],
  });
}

/**
 * The tower graph in `file` with float16 instead of float32 at its float inputs and outputs
 * (Cast nodes at the edges; the weights stay float32): what an fp16 export looks like from outside.
 */
export function withFloat16Io(file: string): Uint8Array {
  const graph = decodeFile(file).graph ?? {};
  const casts: OnnxTypes.INodeProto[] = [];
  for (const input of graph.input ?? []) {
    const tensor = input.type?.tensorType;
    if (tensor?.elemType !== FLOAT) continue;
    const inner = `${input.name}_f32`;
    for (const n of graph.node ?? []) n.input = (n.input ?? []).map((name) => (name === input.name ? inner : name));
    casts.push(node('Cast', [input.name ?? ''], inner, [int('to', FLOAT)]));
    tensor.elemType = FLOAT16;
  }
  const tail: OnnxTypes.INodeProto[] = [];
  for (const output of graph.output ?? []) {
    const inner = `${output.name}_f32`;
    for (const n of graph.node ?? []) n.output = (n.output ?? []).map((name) => (name === output.name ? inner : name));
    tail.push(node('Cast', [inner], output.name ?? '', [int('to', FLOAT16)]));
    if (output.type?.tensorType) output.type.tensorType.elemType = FLOAT16;
  }
  graph.node = [...casts, ...(graph.node ?? []), ...tail];
  return encodeModel(graph);
}
