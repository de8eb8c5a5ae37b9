/** What a hub request is about, so its failure can be reported in the user's terms. */
export interface HubRequestContext {
  /** `org/name`. */
  readonly modelId: string;
  /** The revision as the user gave it (`main` by default). */
  readonly revision: string;
  /** Hub base URL. */
  readonly endpoint: string;
  /** Whether a token was sent. */
  readonly hasToken: boolean;
  /** The model's folder in the cache, named in errors. */
  readonly cachePath: string;
}
