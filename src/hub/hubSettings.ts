/** Where and how hub models are fetched and cached, after environment and command-line options. */
export interface HubSettings {
  /** Hub base URL without a trailing slash (`HF_ENDPOINT`, default https://huggingface.co). */
  readonly endpoint: string;
  /** Bearer token for private and gated repos (`HF_TOKEN`, or the token file `huggingface-cli login` writes). */
  readonly token?: string;
  /** Use only the cache, never the network (`--offline`, `HF_HUB_OFFLINE=1`). */
  readonly offline: boolean;
  /** The hub cache folder holding `models--org--name/` (`HF_HUB_CACHE`, `$HF_HOME/hub`, `~/.cache/huggingface/hub`). */
  readonly cacheDir: string;
}

/** Environment variables, as `process.env` holds them. */
export type HubEnv = Readonly<Record<string, string | undefined>>;
