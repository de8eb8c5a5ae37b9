import onnxProto from 'onnx-proto';

/**
 * Building an ONNX graph: the builder, the typed attribute and initializer constructors it uses,
 * the context every subgraph function receives, and the matrix transpose that lays weights out
 * for MatMul.
 */

type ValueInfo = onnxProto.onnx.IValueInfoProto;

/** Element types of graph inputs and outputs. */
export type ValueType = keyof typeof onnxDataType;

/** A dimension of a graph input or output: a size, or a symbolic name such as `batch`. */
export type Dim = number | string;

/** How OnnxGraphBuilder.node names a node's domain and outputs. */
export interface NodeOptions {
  /** Operator domain: '' (the default ONNX domain) or `com.microsoft`. */
  readonly domain?: string;
  /** How many outputs to name (default 1). */
  readonly outputs?: number;
  /** Indices of optional outputs nobody reads: written as '' so the kernel can skip them. */
  readonly unusedOutputs?: readonly number[];
}

/** The element types the exporter stores, with their typed-array carriers. */
export type InitializerData =
  | { readonly type: 'float32'; readonly data: Float32Array }
  | { readonly type: 'int64'; readonly data: BigInt64Array }
  | { readonly type: 'int32'; readonly data: Int32Array }
  | { readonly type: 'int8'; readonly data: Int8Array }
  | { readonly type: 'uint8'; readonly data: Uint8Array };

/** An attribute value without its name; OnnxGraphBuilder.node adds the name. */
export type OnnxAttributeValue = Omit<onnxProto.onnx.IAttributeProto, 'name'>;

/** How the MatMul weights are stored: float32, or int8 with dynamically quantized activations. */
export type WeightPrecision = 'fp32' | 'q8';

/** What every subgraph function needs: the graph under construction and how to build it. */
export interface ExportContext {
  readonly builder: OnnxGraphBuilder;
  readonly precision: WeightPrecision;
  /**
   * Largest int8 magnitude of quantized weights (127: full range; 63: "reduce range", safe for
   * kernels that sum u8 x s8 pairs in int16 without VNNI). Only used when precision is q8.
   */
  readonly weightLimit: number;
  /** Use ONNX Runtime's `com.microsoft` fused operators (attention, skip layer norm, gelu). */
  readonly fusedOps: boolean;
}

const { AttributeType } = onnxProto.onnx.AttributeProto;
const { DataType } = onnxProto.onnx.TensorProto;

/** ONNX `TensorProto.DataType` of each element type. */
export const onnxDataType = Object.freeze({
  float32: DataType.FLOAT,
  int64: DataType.INT64,
  int32: DataType.INT32,
  int8: DataType.INT8,
  uint8: DataType.UINT8,
  bool: DataType.BOOL,
});

/**
 * Typed constructors for node attributes. JavaScript numbers do not say whether they are
 * ints or floats, so every attribute names its ONNX type.
 */
export const onnxAttribute = Object.freeze({
  int: (value: number): OnnxAttributeValue => ({ type: AttributeType.INT, i: value }),
  float: (value: number): OnnxAttributeValue => ({ type: AttributeType.FLOAT, f: value }),
  ints: (values: readonly number[]): OnnxAttributeValue => ({ type: AttributeType.INTS, ints: [...values] }),
  string: (value: string): OnnxAttributeValue => ({ type: AttributeType.STRING, s: new TextEncoder().encode(value) }),
});

function valueInfo(name: string, type: ValueType, dims: readonly Dim[]): ValueInfo {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: onnxDataType[type], shape: { dim } } } };
}

/**
 * A named constant tensor as an ONNX `TensorProto`, its values in `raw_data` (little-endian,
 * as ONNX requires; the host is little-endian, which model loading already checks). The bytes
 * are a view on `tensor.data`, not a copy: do not modify the array until the model is encoded.
 */
export function initializerTensor(name: string, dims: readonly number[], tensor: InitializerData): onnxProto.onnx.ITensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== tensor.data.length) {
    throw new RangeError(`Initializer '${name}': shape [${dims.join(', ')}] holds ${count} values, got ${tensor.data.length}`);
  }
  const { buffer, byteOffset, byteLength } = tensor.data;
  return { name, dims: [...dims], dataType: onnxDataType[tensor.type], rawData: new Uint8Array(buffer, byteOffset, byteLength) };
}

/**
 * `rows x columns` row-major -> `columns x rows` row-major, in cache-sized tiles
 * (a Linear weight [out, in] becomes the [in, out] right operand of MatMul).
 */
export function transposeMatrix<T extends Float32Array | Int8Array>(data: T, rows: number, columns: number): T {
  const out = new (data.constructor as new (length: number) => T)(rows * columns);
  const tile = 32;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(r0 + tile, rows);
    for (let c0 = 0; c0 < columns; c0 += tile) {
      const c1 = Math.min(c0 + tile, columns);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) out[c * rows + r] = data[r * columns + c] ?? 0;
      }
    }
  }
  return out;
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
