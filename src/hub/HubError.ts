import { StroopError } from '../errors/StroopError.js';

/**
 * What went wrong while resolving a hub model. The first group is the user's to fix
 * (id, revision, token, offline cache, engine files); the second is the environment's
 * (network, hub, disk), where running the same command again may succeed.
 */
export type HubErrorKind =
  | 'notFound'
  | 'revisionNotFound'
  | 'unauthorized'
  | 'forbidden'
  | 'offlineMissing'
  | 'missingFiles'
  | 'network'
  | 'interrupted'
  | 'server'
  | 'diskFull'
  | 'cacheWrite'
  | 'integrity';

const userKinds: ReadonlySet<HubErrorKind> = new Set([
  'notFound',
  'revisionNotFound',
  'unauthorized',
  'forbidden',
  'offlineMissing',
  'missingFiles',
]);

/** A hub model that cannot be found, authorised, downloaded or read from the cache. */
export class HubError extends StroopError {
  override readonly name = 'HubError';

  constructor(
    message: string,
    readonly kind: HubErrorKind,
    /** The hub id, `org/name`. */
    readonly modelId: string,
    /** The cache folder or file involved, when there is one. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the user must change something (exit code 2); false for network, hub or disk faults (exit code 3). */
  get isUsageError(): boolean {
    return userKinds.has(this.kind);
  }
}
