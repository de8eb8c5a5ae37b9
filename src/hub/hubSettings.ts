import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';

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

/** Values from the command line; each wins over its environment variable. */
export interface HubSettingOverrides {
  readonly endpoint?: string | undefined;
  readonly token?: string | undefined;
  readonly offline?: boolean | undefined;
  readonly cacheDir?: string | undefined;
}

export const defaultEndpoint = 'https://huggingface.co';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** huggingface_hub's truthiness for boolean variables. */
function isTrue(value: string | undefined): boolean {
  return ['1', 'ON', 'YES', 'TRUE'].includes((value ?? '').trim().toUpperCase());
}

function hfHome(env: HubEnv): string {
  const home = nonEmpty(env['HF_HOME']);
  if (home !== undefined) return expandHome(home);
  return path.join(expandHome(nonEmpty(env['XDG_CACHE_HOME']) ?? path.join(os.homedir(), '.cache')), 'huggingface');
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`HF_ENDPOINT '${endpoint}' is not a URL; give the hub or mirror base URL, e.g. https://huggingface.co.`, 'HF_ENDPOINT');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`HF_ENDPOINT '${endpoint}' must be an http or https URL, e.g. https://huggingface.co.`, 'HF_ENDPOINT');
  }
  return endpoint.replace(/\/+$/, '');
}

async function readTokenFile(file: string): Promise<string | undefined> {
  try {
    return nonEmpty(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Reads the hub settings the way huggingface_hub does, so a Python cache and login are
 * shared: `HF_HUB_CACHE` (or legacy `HUGGINGFACE_HUB_CACHE`), else `$HF_HOME/hub`, else
 * `$XDG_CACHE_HOME/huggingface/hub`, else `~/.cache/huggingface/hub`; `HF_ENDPOINT`;
 * `HF_HUB_OFFLINE`; `HF_TOKEN` (or legacy `HUGGING_FACE_HUB_TOKEN`), else the token file
 * at `$HF_TOKEN_PATH` or `$HF_HOME/token`.
 *
 * @param env the environment to read (pass `process.env`; tests pass their own).
 * @throws UsageError for an `HF_ENDPOINT` that is not an http(s) URL.
 */
export async function readHubSettings(env: HubEnv, overrides: HubSettingOverrides = {}): Promise<HubSettings> {
  const endpoint = checkEndpoint(nonEmpty(overrides.endpoint) ?? nonEmpty(env['HF_ENDPOINT']) ?? defaultEndpoint);
  const cacheDir =
    nonEmpty(overrides.cacheDir) ??
    nonEmpty(env['HF_HUB_CACHE']) ??
    nonEmpty(env['HUGGINGFACE_HUB_CACHE']) ??
    path.join(hfHome(env), 'hub');
  const offline = overrides.offline === true || isTrue(env['HF_HUB_OFFLINE']);
  const token =
    nonEmpty(overrides.token) ??
    nonEmpty(env['HF_TOKEN']) ??
    nonEmpty(env['HUGGING_FACE_HUB_TOKEN']) ??
    (await readTokenFile(expandHome(nonEmpty(env['HF_TOKEN_PATH']) ?? path.join(hfHome(env), 'token'))));
  return { endpoint, offline, cacheDir: path.resolve(expandHome(cacheDir)), ...(token === undefined ? {} : { token }) };
}
