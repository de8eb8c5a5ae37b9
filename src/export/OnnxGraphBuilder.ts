import type onnxProto from 'onnx-proto';
import type { OnnxAttributeValue } from './onnxAttribute.js';
import { initializerTensor, onnxDataType, type InitializerData } from './initializerTensor.js';

type ValueInfo = onnxProto.onnx.IValueInfoProto;

/** Element types of graph inputs and outputs. */
export type ValueType = keyof typeof onnxDataType;

/** A dimension of a graph input or output: a size, or a symbolic name such as `batch`. */
export type Dim = number | string;

export interface NodeOptions {
  /** Operator domain: '' (the default ONNX domain) or `com.microsoft`. */
  readonly domain?: string;
  /** How many outputs to name (default 1). */
  readonly outputs?: number;
  /** Indices of optional outputs nobody reads: written as '' so the kernel can skip them. */
  readonly unusedOutputs?: readonly number[];
}

function valueInfo(name: string, type: ValueType, dims: readonly Dim[]): ValueInfo {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: onnxDataType[type], shape: { dim } } } };
}

/**
 * Builds one ONNX graph node by node. Values are plain strings (tensor names); every name the
 * builder makes is unique, prefixed with the current scope (`vision/layer3/attn/MatMul_12`) so
 * that profiles and error messages point at the layer they come from.
 */
export class OnnxGraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly taken = new Set<string>();
  private readonly constants = new Map<string, string>();
  private readonly domains = new Set<string>();
  private scopeName = '';
  private counter = 0;
  /** Bytes of initializer data added so far. */
  initializerBytes = 0;

  constructor(readonly name: string) {}

  /** Runs `build` with names prefixed by `scope` (nested scopes join with '/'). */
  inScope<T>(scope: string, build: () => T): T {
    const outer = this.scopeName;
    this.scopeName = outer === '' ? scope : `${outer}/${scope}`;
    try {
      return build();
    } finally {
      this.scopeName = outer;
    }
  }

  /** A fresh value name in the current scope. */
  fresh(hint: string): string {
    const base = this.scopeName === '' ? hint : `${this.scopeName}/${hint}`;
    let name = `${base}_${this.counter++}`;
    while (this.taken.has(name)) name = `${base}_${this.counter++}`;
    this.taken.add(name);
    return name;
  }

  private claim(name: string): string {
    if (this.taken.has(name)) throw new Error(`ONNX graph '${this.name}': value name '${name}' is used twice`);
    this.taken.add(name);
    return name;
  }

  input(name: string, type: ValueType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), type, dims));
    return name;
  }

  /** Declares `value` a graph output under `name` (through an Identity when the names differ). */
  output(value: string, name: string, type: ValueType, dims: readonly Dim[]): void {
    if (value !== name) this.nodes.push({ opType: 'Identity', input: [value], output: [this.claim(name)], name: `${name}/Identity` });
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** Adds a named constant tensor (a weight); returns its name. */
  initializer(name: string, dims: readonly number[], data: InitializerData): string {
    this.initializers.push(initializerTensor(this.claim(name), dims, data));
    this.initializerBytes += data.data.byteLength;
    return name;
  }

  /** A small int64 constant, shared by every node that asks for the same values. */
  int64s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.sharedConstant(`int64:${dims.join('x')}:${values.join(',')}`, 'const_i64', dims, {
      type: 'int64',
      data: BigInt64Array.from(values, (v) => BigInt(v)),
    });
  }

  /** A float32 constant of shape `dims`, shared like int64s. */
  float32s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.sharedConstant(`f32:${dims.join('x')}:${values.join(',')}`, 'const_f32', dims, {
      type: 'float32',
      data: Float32Array.from(values),
    });
  }

  private sharedConstant(key: string, hint: string, dims: readonly number[], data: InitializerData): string {
    const known = this.constants.get(key);
    if (known !== undefined) return known;
    const outer = this.scopeName;
    this.scopeName = '';
    const name = this.fresh(hint);
    this.scopeName = outer;
    this.initializers.push(initializerTensor(name, dims, data));
    this.initializerBytes += data.data.byteLength;
    this.constants.set(key, name);
    return name;
  }

  /**
   * Appends one node; returns its output names. Optional inputs that are left out in the
   * middle of the list are written as ''.
   */
  node(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttributeValue>> = {}, options: NodeOptions = {}): string[] {
    const domain = options.domain ?? '';
    if (domain !== '') this.domains.add(domain);
    const unused = new Set(options.unusedOutputs ?? []);
    const outputs = Array.from({ length: options.outputs ?? 1 }, (_, i) => (unused.has(i) ? '' : this.fresh(opType)));
    const attribute = Object.entries(attributes).map(([name, value]) => ({ ...value, name }));
    this.nodes.push({ opType, domain, input: [...inputs], output: outputs, name: `${outputs.find((o) => o !== '') ?? opType}/node`, attribute });
    return outputs;
  }

  /** A single-output node; returns its output name. */
  op(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttributeValue>> = {}, domain = ''): string {
    return this.node(opType, inputs, attributes, { domain })[0] ?? '';
  }

  /** Operator domains other than the default one that the nodes use. */
  usedDomains(): string[] {
    return [...this.domains].sort();
  }

  toGraph(): onnxProto.onnx.IGraphProto {
    return { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }
}
