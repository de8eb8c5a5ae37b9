import { isAlias, isMap, isScalar, isSeq, type Node, type ParsedNode } from 'yaml';
import type { SuiteIssue } from '../errors/SuiteError.js';
import { formatSuitePath } from './formatSuitePath.js';
import type { SuiteProblem } from './suiteProblem.js';
import type { SuiteYaml } from './suiteYaml.js';

type Step = { readonly node: Node | null; readonly key?: Node };

function keyMatches(key: unknown, wanted: string): boolean {
  return isScalar(key) && String(key.value) === wanted;
}

/** The child of `node` at `segment` (and its key node, for maps), or undefined when there is none. */
function childOf(yaml: SuiteYaml, node: Node, segment: string | number): Step | undefined {
  const target = isAlias(node) ? (node.resolve(yaml.doc) as Node | undefined) : node;
  if (isMap(target)) {
    const pair = target.items.find((p) => keyMatches(p.key, String(segment)));
    if (pair === undefined) return undefined;
    return { node: (pair.value as Node | null) ?? null, key: pair.key as Node };
  }
  if (isSeq(target) && typeof segment === 'number') {
    const item = target.items[segment] as Node | null | undefined;
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function startOf(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/** Whether a node is a value left empty in the text (`n:` with nothing after it). */
function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1]);
}

/**
 * Where a problem is in the suite file's text (1-based line and column): its value,
 * or its key for an unknown key; a key written with no value, at the key; a missing
 * key, at the mapping that lacks it.
 */
export function locateProblem(yaml: SuiteYaml, problem: SuiteProblem): { line: number; column: number } {
  let node = yaml.doc.contents as ParsedNode | null;
  let offset = startOf(node) ?? 0;
  for (const [i, segment] of problem.path.entries()) {
    if (node === null) break;
    const step = childOf(yaml, node, segment);
    if (step === undefined) break;
    const last = i === problem.path.length - 1;
    offset = ((last && problem.atKey) || isEmpty(step.node) ? startOf(step.key) : startOf(step.node)) ?? offset;
    node = step.node as ParsedNode | null;
  }
  const { line, col } = yaml.lineCounter.linePos(offset);
  return { line, column: col };
}

function bySourceOrder(a: SuiteIssue, b: SuiteIssue): number {
  return a.line - b.line || a.column - b.column;
}

/** Problems as the issues of a SuiteError: each with its path as people write it and its place in the text, in source order. */
export function locateProblems(yaml: SuiteYaml, problems: readonly SuiteProblem[]): SuiteIssue[] {
  return problems.map((p): SuiteIssue => ({ path: formatSuitePath(p.path), message: p.message, ...locateProblem(yaml, p) })).sort(bySourceOrder);
}
