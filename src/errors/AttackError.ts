import { StroopError } from './StroopError.js';

/**
 * An attack that cannot be built or rendered: an unknown preset or font, an
 * invalid spec or preset file, an image the renderer refuses, a text-choice
 * strategy with nothing to choose from.
 */
export class AttackError extends StroopError {
  override readonly name = 'AttackError';

  constructor(
    message: string,
    /** The preset name, spec file or font family at fault, when there is one. */
    readonly attack?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
