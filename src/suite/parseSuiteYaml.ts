import { LineCounter, parseDocument } from 'yaml';
import type { SuiteIssue } from '../errors/SuiteError.js';
import type { SuiteYaml } from './suiteYaml.js';
import { messageOf } from '../util/messageOf.js';

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
