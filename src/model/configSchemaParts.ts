import { z } from 'zod';

/**
 * Small zod building blocks shared by the config readers, with messages that say what
 * is allowed, and the formatter that turns zod issues into one line.
 */

export function positiveInt(): z.ZodNumber {
  const error = 'expected a positive integer';
  return z.number({ error }).int({ error }).positive({ error });
}

export function nonNegativeInt(): z.ZodNumber {
  const error = 'expected an integer >= 0';
  return z.number({ error }).int({ error }).nonnegative({ error });
}

export function positiveNumber(): z.ZodNumber {
  const error = 'expected a finite number > 0';
  return z.number({ error }).positive({ error });
}

export function flag(): z.ZodBoolean {
  return z.boolean({ error: 'expected true or false' });
}

/**
 * One line per issue, joined with '; ': `text_config.hidden_act: <what is allowed> (got "swish")`.
 * `renames` maps a first path segment to the name the user wrote (text_config -> text_config_dict).
 */
export function formatConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  renames: Readonly<Record<string, string>> = {},
): string {
  return issues
    .map((issue) => {
      const path = issue.path.map((part, index) => (index === 0 ? (renames[String(part)] ?? String(part)) : String(part)));
      const where = path.length === 0 ? '(top level)' : path.join('.');
      const got = 'input' in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : ' (missing)';
      return `${where}: ${issue.message}${issue.code === 'custom' ? '' : got}`;
    })
    .join('; ');
}
