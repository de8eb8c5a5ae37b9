import path from 'node:path';
import { classSetRules, type ClassSetRule } from '../../datasets/classSetOf.js';
import { classNamesDir, loadClassNames, shippedClassNameLists } from '../../datasets/loadClassNames.js';
import type { SuiteClasses } from '../suite.js';
import { isFile } from './fileKinds.js';
import { problemAt, type Resolved } from './resolved.js';
import { messageOf } from '../../util/messageOf.js';

function isRule(value: string): value is ClassSetRule {
  return (classSetRules as readonly string[]).includes(value);
}

/**
 * A dataset's `classes`, resolved: a rule stays a rule; a shipped list or a .json
 * file (relative to `dir`) is read now, so a bad file fails before any image is read.
 */
export function resolveClasses(classes: string | readonly string[], dir: string): Resolved<SuiteClasses> {
  if (typeof classes !== 'string') return { value: { kind: 'names', names: [...classes], source: 'inline' }, problems: [] };
  if (isRule(classes)) return { value: { kind: 'rule', rule: classes }, problems: [] };
  const file = shippedClassNameLists().includes(classes) ? path.join(classNamesDir, `${classes}.json`) : path.resolve(dir, classes);
  if (!isFile(file)) return { problems: [problemAt([], `no such file: ${file}; must be a JSON file of class names`)] };
  try {
    return { value: { kind: 'names', names: loadClassNames(file), source: file }, problems: [] };
  } catch (error) {
    return { problems: [problemAt([], messageOf(error))] };
  }
}
