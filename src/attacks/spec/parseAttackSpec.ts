import type { z } from 'zod';
import { AttackError } from '../../errors/AttackError.js';
import { attackSpecSchema, type AttackSpec } from './attackSpecSchema.js';

/** "size.value: must be ...; opacity: must be ...": zod issues on one line. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length === 0 ? '(spec)' : issue.path.join('.')}: ${issue.message}`).join('; ');
}

/**
 * Validates an attack spec (from JSON or code) and fills in the defaults.
 * Throws AttackError naming each bad field and its allowed range.
 */
export function parseAttackSpec(value: unknown, source = 'input'): AttackSpec {
  const result = attackSpecSchema.safeParse(value);
  if (!result.success) throw new AttackError(`Invalid attack spec in ${source}: ${formatIssues(result.error)}`, source, { cause: result.error });
  return result.data;
}
