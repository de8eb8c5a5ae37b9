import { attackSpecSchema } from '../spec/attackSpecSchema.js';

/**
 * Why `text` cannot be written as an attack (the spec's rule: at most 200 characters, no control
 * characters but "\n"), e.g. `must be at most 200 characters`; undefined when it can. For texts
 * that come from elsewhere than a spec, such as the class names a strategy draws.
 */
export function attackTextProblem(text: string): string | undefined {
  const parsed = attackSpecSchema.shape.text.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join('; ');
}
