import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type ParsedNode } from 'yaml';
import type { SuiteIssue } from '../errors/errors.js';
import { messageOf } from '../errors/errors.js';
import { formatSuitePath, type SuiteProblem } from './suiteProblem.js';

/** A suite file's text once parsed as YAML: the document (for source positions) and its value. */
export interface SuiteYaml {
  /** The parsed document; its nodes carry source ranges. */
  readonly doc: Document.Parsed;
  /** Maps a character offset of the text to a 1-based line and column. */
  readonly lineCounter: LineCounter;
  /** The document as plain JavaScript (null for an empty file). */
  readonly value: unknown;
}

/** One step down a suite path: the node reached, and its key node when it is a map entry. */
type Step = { readonly node: Node | null; readonly key?: Node };

/** Aliases one document may expand; more is a "billion laughs" file, not a suite. */
const maxAliasCount = 100;

/**
 * Parses a suite file's text as one YAML 1.2 document (duplicate keys are errors).
 * Returns the document, or every syntax error with its line and column.
 */
export function parseSuiteYaml(text: string): { readonly yaml: SuiteYaml } | { readonly issues: SuiteIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '(YAML syntax)', message: error.message, line, column: col };
      }),
    };
  }
  try {
    return { yaml: { doc, lineCounter, value: doc.toJS({ maxAliasCount }) } };
  } catch (error) {
    // toJS fails only on alias abuse (too many expansions, or an alias to nothing).
    return { issues: [{ path: '(YAML syntax)', message: messageOf(error), line: 1, column: 1 }] };
  }
}

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
  let node = yaml.doc.contents;
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
