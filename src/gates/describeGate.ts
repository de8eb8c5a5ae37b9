import type { GateResult } from './gateResult.js';

const symbol = { maxDrop: '<=', maxAsr: '<=', minAttackedAcc: '>=' } as const;
const measured = { maxDrop: 'top-1 drop', maxAsr: 'targeted success', minAttackedAcc: 'attacked top-1' } as const;

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** Control characters (ANSI escapes, newlines) in ids and labels would rewrite the terminal: shown as `?`. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/**
 * One line saying what a gate measured against what it allows, e.g.
 * `clip / sticker: maxDrop failed: top-1 drop 15.0% (n=20), allowed <= 10.0%`.
 * For the terminal (control characters in labels become `?`), not for HTML or Markdown.
 */
export function describeGate(result: GateResult): string {
  const scope = printable(`${result.model} / ${result.attack}${result.className === null ? '' : ` / class ${result.className}`}`);
  const interval = result.interval === null ? '' : ` [95% CI ${pct(result.interval.lower)}, ${pct(result.interval.upper)}]`;
  const value = result.actual === null ? `not measured (${result.note ?? 'no data'})` : `${measured[result.gate]} ${pct(result.actual)}${interval} (n=${result.n})`;
  return `${scope}: ${result.gate} ${result.passed ? 'passed' : 'failed'}: ${value}, allowed ${symbol[result.gate]} ${pct(result.limit)}`;
}
