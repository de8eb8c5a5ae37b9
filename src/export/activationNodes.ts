import type { HiddenAct } from '../model/clipConfig.js';
import type { ExportContext } from './exportContext.js';
import { onnxAttribute } from './onnxAttribute.js';

/**
 * The MLP activation `hiddenAct` of `x + bias` (bias: an initializer name, or undefined when
 * `x` already includes it). Fused ops: `com.microsoft` BiasGelu (erf gelu), FastGelu (tanh
 * gelu), QuickGelu; else the formulas in standard ops:
 * - quick_gelu: x * sigmoid(1.702 x)
 * - gelu: 0.5 x (1 + erf(x / sqrt 2))
 * - gelu_new, gelu_pytorch_tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
 * - relu: max(x, 0)
 */
export function activationNodes(ctx: ExportContext, x: string, act: HiddenAct, bias: string | undefined): string {
  const b = ctx.builder;
  const ms = 'com.microsoft';
  if (ctx.fusedOps) {
    switch (act) {
      case 'gelu':
        return bias === undefined ? b.op('Gelu', [x], {}, ms) : b.op('BiasGelu', [x, bias], {}, ms);
      case 'gelu_new':
      case 'gelu_pytorch_tanh':
        return b.op('FastGelu', bias === undefined ? [x] : [x, bias], {}, ms);
      case 'quick_gelu':
        return b.op('QuickGelu', [bias === undefined ? x : b.op('Add', [x, bias])], { alpha: onnxAttribute.float(1.702) }, ms);
      case 'relu':
        break;
    }
  }
  const input = bias === undefined ? x : b.op('Add', [x, bias]);
  const scalar = (value: number) => b.float32s([value], []);
  switch (act) {
    case 'quick_gelu':
      return b.op('Mul', [input, b.op('Sigmoid', [b.op('Mul', [input, scalar(1.702)])])]);
    case 'gelu': {
      const erf = b.op('Erf', [b.op('Mul', [input, scalar(Math.SQRT1_2)])]);
      return b.op('Mul', [b.op('Mul', [input, scalar(0.5)]), b.op('Add', [erf, scalar(1)])]);
    }
    case 'gelu_new':
    case 'gelu_pytorch_tanh': {
      const cube = b.op('Mul', [b.op('Mul', [input, input]), input]);
      const inner = b.op('Mul', [b.op('Add', [input, b.op('Mul', [cube, scalar(0.044715)])]), scalar(Math.sqrt(2 / Math.PI))]);
      return b.op('Mul', [b.op('Mul', [input, scalar(0.5)]), b.op('Add', [b.op('Tanh', [inner]), scalar(1)])]);
    }
    case 'relu':
      return b.op('Relu', [input]);
  }
}
