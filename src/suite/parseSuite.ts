import path from 'node:path';
import { SuiteError } from '../errors/SuiteError.js';
import { locateProblems } from './locateProblem.js';
import { parseSuiteYaml } from './parseSuiteYaml.js';
import { problemsFromZod } from './problemsFromZod.js';
import { resolveSuite } from './resolveSuite.js';
import type { Suite } from './suite.js';
import { suiteErrorMap } from './suiteErrorMap.js';
import { suiteSchema } from './suiteSchema.js';

/**
 * Validates and resolves a suite from its YAML text. `file` names the suite in
 * messages, and relative paths in it resolve against `file`'s folder.
 *
 * @throws SuiteError listing every problem found, each with its line and column.
 */
export function parseSuite(text: string, file: string): Suite {
  const parsed = parseSuiteYaml(text);
  if ('issues' in parsed) throw new SuiteError(file, parsed.issues);
  const { yaml } = parsed;
  const shape = suiteSchema.safeParse(yaml.value, { error: suiteErrorMap });
  const resolved = resolveSuite(path.resolve(file), yaml.value, shape.success ? shape.data : undefined);
  const problems = [...(shape.success ? [] : problemsFromZod(shape.error, yaml.value)), ...resolved.problems];
  const issues = locateProblems(yaml, problems);
  if (issues.length > 0 || resolved.suite === undefined) {
    throw new SuiteError(file, issues.length > 0 ? issues : [{ path: '(top level)', message: 'is not a valid suite', line: 1, column: 1 }]);
  }
  return resolved.suite;
}
