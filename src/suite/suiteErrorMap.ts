import { z } from 'zod';

const typeWords: Readonly<Record<string, string>> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function sizeMessage(origin: string | undefined, bound: unknown, least: boolean, inclusive: boolean | undefined): string {
  const n = Number(bound);
  if (origin === 'array') return least ? `must have at least ${n} item${n === 1 ? '' : 's'}` : `must have at most ${n} items`;
  if (origin === 'string') return least ? `must have at least ${n} character${n === 1 ? '' : 's'}` : `must have at most ${n} characters`;
  return `must be ${least ? '>' : '<'}${inclusive === false ? '' : '='} ${n}`;
}

/**
 * Messages for the zod issues that a suite's schema leaves to the defaults (the text
 * strategy schema, nested unions): what is allowed, in words. Unknown keys get the
 * list of allowed keys. Schema-level messages take precedence over these.
 */
export const suiteErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return Array.isArray(issue['options']) ? `must be one of ${issue['options'].map(String).join(', ')}` : undefined;
    case 'unrecognized_keys':
      return issue.inst instanceof z.ZodObject ? `allowed keys: ${Object.keys(issue.inst.shape).join(', ')}` : undefined;
    case 'too_small':
      return sizeMessage(issue.origin, issue.minimum, true, issue.inclusive);
    case 'too_big':
      return sizeMessage(issue.origin, issue.maximum, false, issue.inclusive);
    default:
      return undefined;
  }
};
