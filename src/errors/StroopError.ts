/**
 * Root of stroop's error hierarchy. Every error a user can cause is a subclass
 * with typed context; the CLI entry maps the subclass to an exit code.
 */
export class StroopError extends Error {
  override readonly name: string = 'StroopError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
