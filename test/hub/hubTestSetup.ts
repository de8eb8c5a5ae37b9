import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixturePath } from '../helpers/paths.js';
import { startFakeHub, type FakeHub, type FakeHubOptions } from './fakeHub.js';

export const tinyRepo = 'stroop-test/clip-tiny';
export const siglipRepo = 'stroop-test/siglip-tiny';
export const siglip2Repo = 'stroop-test/siglip2-tiny';
export const gatedRepo = 'stroop-test/clip-gated';
export const allowedToken = 'hf_allowed_token';
export const otherToken = 'hf_valid_but_not_allowed';

/** Repos every hub test can use: clip-tiny at main and, at tag v1, the clip-tiny-p16 files; the SigLIP fixtures. */
export const defaultRepos: FakeHubOptions = {
  repos: {
    [tinyRepo]: { revisions: { main: fixturePath('clip-tiny'), v1: fixturePath('clip-tiny-p16') } },
    [gatedRepo]: { revisions: { main: fixturePath('clip-tiny') }, allowedTokens: [allowedToken] },
    [siglipRepo]: { revisions: { main: fixturePath('siglip-tiny') } },
    [siglip2Repo]: { revisions: { main: fixturePath('siglip2-tiny') } },
  },
  knownTokens: [otherToken],
};

export interface HubTest {
  readonly hub: FakeHub;
  /** A fresh HF_HOME; the cache is `${home}/hub`. */
  readonly home: string;
  readonly env: Record<string, string>;
  /** Every URL handed to fetch. */
  readonly fetched: string[];
  /** A fetch that refuses anything but 127.0.0.1, so no test can reach the network. */
  readonly fetch: typeof fetch;
  readonly dispose: () => Promise<void>;
}

/** Starts a fake hub and a temporary HF_HOME pointing at it through HF_ENDPOINT. */
export async function setUpHub(options: FakeHubOptions = defaultRepos): Promise<HubTest> {
  const hub = await startFakeHub(options);
  const home = await mkdtemp(path.join(os.tmpdir(), 'stroop-hub-'));
  const fetched: string[] = [];
  const localFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    fetched.push(url.href);
    if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`test tried to reach ${url.href}`));
    return fetch(input, init);
  };
  return {
    hub,
    home,
    env: { HF_HOME: home, HF_ENDPOINT: hub.url },
    fetched,
    fetch: localFetch,
    dispose: async () => {
      await hub.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** All file paths under a folder (relative, POSIX), for "nothing left behind" checks. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The cache folder of a repo under a HF_HOME. */
export function repoFolder(home: string, repo: string): string {
  return path.join(home, 'hub', `models--${repo.replace('/', '--')}`);
}
