import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A local stand-in for the Hugging Face hub on 127.0.0.1, serving fixture directories as
 * model repositories with the endpoints and headers `@huggingface/hub` and huggingface_hub
 * use: `GET /api/models/{id}/revision/{rev}`, `GET /api/models/{id}/tree/{rev}` (paginated
 * with `Link: rel="next"`), `HEAD`/`GET /{id}/resolve/{rev}/{file}` (git files served
 * directly with `ETag`; LFS files answered with a 302 to a second "storage" server on
 * another port, with `X-Linked-Etag` / `X-Linked-Size`), `X-Repo-Commit`, Range requests,
 * and the hub's error codes (`X-Error-Code`: RepoNotFound, RevisionNotFound, EntryNotFound,
 * GatedRepo). Every request is recorded. Dataset repositories are served the same way under
 * `/api/datasets/{id}/...` and `/datasets/{id}/resolve/...`; a model id is not found there, nor
 * a dataset id on the model paths.
 */

export interface FakeRepoSpec {
  /** Revision (branch or tag) name -> fixture directory served at that revision; `main` is the default branch. */
  readonly revisions: Readonly<Record<string, string>>;
  /** When set, the repo is gated: only these bearer tokens may read it. */
  readonly allowedTokens?: readonly string[];
}

export interface FakeHubOptions {
  /** Model repositories by id. */
  readonly repos: Readonly<Record<string, FakeRepoSpec>>;
  /** Dataset repositories by id (`.parquet` files served as LFS files). */
  readonly datasets?: Readonly<Record<string, FakeRepoSpec>>;
  /** Tokens the hub recognises (a valid token without access to a gated repo gets 403; an unknown one 401). */
  readonly knownTokens?: readonly string[];
  /** Entries per tree page; default 1000 (one page). */
  readonly pageSize?: number;
}

export interface RecordedRequest {
  readonly server: 'hub' | 'storage';
  readonly method: string;
  /** Path and query as requested. */
  readonly url: string;
  readonly host: string;
  readonly range?: string;
  readonly authorization?: string;
  readonly remoteAddress?: string;
}

export interface FakeFile {
  readonly path: string;
  readonly bytes: Buffer;
  readonly gitOid: string;
  /** Set for LFS files. */
  readonly sha256?: string;
  readonly pointerOid?: string;
}

interface FakeRevision {
  readonly commit: string;
  readonly files: readonly FakeFile[];
}

export interface FakeHub {
  /** The hub endpoint, `http://127.0.0.1:<port>` (give it as HF_ENDPOINT). */
  readonly url: string;
  /** The LFS storage server's origin. */
  readonly storageUrl: string;
  readonly requests: RecordedRequest[];
  /** The commit a revision of a repo resolves to (a model repo of that id, else a dataset repo). */
  commitOf(repo: string, revision: string): string;
  /** The files a repo serves at a revision (a model repo of that id, else a dataset repo). */
  filesOf(repo: string, revision: string): readonly FakeFile[];
  /** Drops the connection after `bytes` body bytes the next `times` times `file` (repo path) is served. */
  cutNext(file: string, bytes: number, times?: number): void;
  /** Serves `file` with one byte flipped from now on. */
  corrupt(file: string): void;
  /** From now on answers every Range request with the whole file (200), as some proxies do. */
  ignoreRanges(): void;
  close(): Promise<void>;
}

const lfsExtensions = ['.safetensors', '.onnx', '.bin', '.parquet'];

type RepoType = 'model' | 'dataset';
const repoKey = (type: RepoType, id: string): string => `${type}:${id}`;

function gitBlobOid(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (relative !== 'golden') out.push(...walk(path.join(dir, entry.name), relative));
    } else out.push(relative);
  }
  return out.sort();
}

// Hashing the fixtures dominates a hub's start-up; tests start many hubs over the same directories.
const loaded = new Map<string, FakeRevision>();

function loadRevision(repo: string, name: string, dir: string): FakeRevision {
  const key = `${repo}@${name}:${dir}`;
  const known = loaded.get(key);
  if (known !== undefined) return known;
  const files = walk(dir).map((p): FakeFile => {
    const bytes = readFileSync(path.join(dir, p));
    const gitOid = gitBlobOid(bytes);
    if (!lfsExtensions.some((ext) => p.endsWith(ext))) return { path: p, bytes, gitOid };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const pointer = Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${bytes.length}\n`);
    return { path: p, bytes, gitOid, sha256, pointerOid: gitBlobOid(pointer) };
  });
  const commit = createHash('sha1')
    .update(`${repo}@${name}\n${files.map((f) => `${f.path} ${f.gitOid}`).join('\n')}`)
    .digest('hex');
  const revision = { commit, files };
  loaded.set(key, revision);
  return revision;
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d*)$/.exec(header);
  if (m === null) return 'invalid';
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? 'invalid' : { start, end };
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** Starts a fake hub (and its LFS storage server) on random ports of 127.0.0.1. */
export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const repos = new Map<string, { spec: FakeRepoSpec; revisions: Map<string, FakeRevision> }>();
  const typed: [RepoType, Readonly<Record<string, FakeRepoSpec>>][] = [['model', options.repos], ['dataset', options.datasets ?? {}]];
  for (const [type, specs] of typed) {
    for (const [id, spec] of Object.entries(specs)) {
      const revisions = new Map<string, FakeRevision>();
      for (const [name, dir] of Object.entries(spec.revisions)) revisions.set(name, loadRevision(id, name, dir));
      repos.set(repoKey(type, id), { spec, revisions });
    }
  }
  const blobsBySha = new Map<string, FakeFile>();
  for (const { revisions } of repos.values()) {
    for (const rev of revisions.values()) for (const f of rev.files) if (f.sha256 !== undefined) blobsBySha.set(f.sha256, f);
  }
  const known = new Set(options.knownTokens ?? []);
  const pageSize = options.pageSize ?? 1000;
  const requests: RecordedRequest[] = [];
  const cuts = new Map<string, { bytes: number; times: number }>();
  const corrupted = new Set<string>();
  let rangesIgnored = false;
  let hubUrl = '';
  let storageUrl = '';

  const record = (server: RecordedRequest['server'], req: http.IncomingMessage): void => {
    requests.push({
      server,
      method: req.method ?? '',
      url: req.url ?? '',
      host: req.headers.host ?? '',
      ...(req.headers.range === undefined ? {} : { range: req.headers.range }),
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
      ...(req.socket.remoteAddress === undefined ? {} : { remoteAddress: req.socket.remoteAddress }),
    });
  };

  const fail = (res: http.ServerResponse, status: number, error: string, code?: string): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...(code === undefined ? {} : { 'x-error-code': code }) });
    res.end(JSON.stringify({ error }));
  };

  const findRevision = (repo: { revisions: Map<string, FakeRevision> }, rev: string): FakeRevision | undefined =>
    repo.revisions.get(rev) ?? [...repo.revisions.values()].find((r) => r.commit === rev);

  /** Auth as the hub does it: an unknown token is 401; a gated repo needs an allowed token (none: 401, other: 403). */
  const refuse = (spec: FakeRepoSpec, type: RepoType, req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const allowed = spec.allowedTokens ?? [];
    if (token !== undefined && !known.has(token) && !allowed.includes(token)) {
      fail(res, 401, 'Invalid credentials in Authorization header');
      return true;
    }
    if (spec.allowedTokens === undefined || (token !== undefined && allowed.includes(token))) return false;
    const message = `Access to this ${type} is restricted. You must have access to it and be authenticated to access it.`;
    fail(res, token === undefined ? 401 : 403, message, 'GatedRepo');
    return true;
  };

  const sendBytes = (req: http.IncomingMessage, res: http.ServerResponse, file: FakeFile, headers: Record<string, string>): void => {
    let bytes = file.bytes;
    if (corrupted.has(file.path)) {
      bytes = Buffer.from(bytes);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    }
    const range = rangesIgnored ? undefined : parseRange(req.headers.range, bytes.length);
    if (range === 'invalid') {
      res.writeHead(416, { 'content-range': `bytes */${bytes.length}` });
      res.end();
      return;
    }
    const body = range === undefined ? bytes : bytes.subarray(range.start, range.end + 1);
    res.writeHead(range === undefined ? 200 : 206, {
      ...headers,
      'accept-ranges': 'bytes',
      'content-length': String(body.length),
      'content-type': 'application/octet-stream',
      ...(range === undefined ? {} : { 'content-range': `bytes ${range.start}-${range.end}/${bytes.length}` }),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const cut = cuts.get(file.path);
    if (cut !== undefined && cut.times > 0) {
      cut.times--;
      res.write(body.subarray(0, Math.min(cut.bytes, body.length)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  };

  const hubHandler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    record('hub', req);
    const url = new URL(req.url ?? '/', hubUrl);
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const api = parts[0] === 'api' && (parts[1] === 'models' || parts[1] === 'datasets');
    const type: RepoType = (api ? parts[1] === 'datasets' : parts[0] === 'datasets') ? 'dataset' : 'model';
    const [org, name, action, rev, ...rest] = parts.slice((api ? 2 : 0) + (!api && type === 'dataset' ? 1 : 0));
    const id = `${org}/${name}`;
    const repo = repos.get(repoKey(type, id));
    if (repo === undefined || rev === undefined) return fail(res, 404, 'Repository not found', 'RepoNotFound');
    if (refuse(repo.spec, type, req, res)) return;
    const revision = findRevision(repo, rev);
    if (revision === undefined) return fail(res, 404, `Invalid rev id: ${rev}`, 'RevisionNotFound');

    if (api && action === 'revision' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          _id: createHash('md5').update(id).digest('hex').slice(0, 24),
          id,
          sha: revision.commit,
          private: false,
          gated: repo.spec.allowedTokens === undefined ? false : 'manual',
          downloads: 0,
          likes: 0,
          lastModified: '2024-01-01T00:00:00.000Z',
          ...(type === 'model' ? { pipeline_tag: 'zero-shot-image-classification' } : {}),
          siblings: revision.files.map((f) => ({ rfilename: f.path })),
        }),
      );
      return;
    }
    if (api && action === 'tree' && req.method === 'GET') {
      const dirs = [...new Set(revision.files.flatMap((f) => (f.path.includes('/') ? [f.path.slice(0, f.path.lastIndexOf('/'))] : [])))];
      const entries = [
        ...dirs.map((d) => ({ type: 'directory', oid: createHash('sha1').update(d).digest('hex'), size: 0, path: d })),
        ...revision.files.map((f) =>
          f.sha256 === undefined
            ? { type: 'file', oid: f.gitOid, size: f.bytes.length, path: f.path }
            : { type: 'file', oid: f.pointerOid, size: f.bytes.length, path: f.path, lfs: { oid: f.sha256, size: f.bytes.length, pointerSize: 134 } },
        ),
      ];
      const cursor = Number(url.searchParams.get('cursor') ?? '0');
      const page = entries.slice(cursor, cursor + pageSize);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (cursor + pageSize < entries.length) {
        const next = new URL(url.href);
        next.searchParams.set('cursor', String(cursor + pageSize));
        headers['link'] = `<${next.href}>; rel="next"`;
      }
      res.writeHead(200, headers);
      res.end(JSON.stringify(page));
      return;
    }
    if (!api && action === 'resolve' && (req.method === 'GET' || req.method === 'HEAD')) {
      const file = revision.files.find((f) => f.path === rest.join('/'));
      if (file === undefined) return fail(res, 404, 'Entry not found', 'EntryNotFound');
      const common = { 'x-repo-commit': revision.commit };
      if (file.sha256 === undefined) return sendBytes(req, res, file, { ...common, etag: `"${file.gitOid}"` });
      res.writeHead(302, {
        ...common,
        location: `${storageUrl}/lfs/${file.sha256}?name=${encodeURIComponent(file.path)}`,
        etag: `"${file.pointerOid}"`,
        'x-linked-etag': `"${file.sha256}"`,
        'x-linked-size': String(file.bytes.length),
        'content-length': '0',
      });
      res.end();
      return;
    }
    fail(res, 404, `No route for ${req.method} ${url.pathname}`);
  };

  const storageHandler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    record('storage', req);
    const sha = /^\/lfs\/([0-9a-f]{64})$/.exec(new URL(req.url ?? '/', storageUrl).pathname)?.[1];
    const file = sha === undefined ? undefined : blobsBySha.get(sha);
    if (file === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    sendBytes(req, res, file, { etag: `"${file.sha256 ?? ''}"` });
  };

  const hub = http.createServer(hubHandler);
  const storage = http.createServer(storageHandler);
  hubUrl = await listen(hub);
  storageUrl = await listen(storage);

  const revisionOf = (repo: string, revision: string): FakeRevision => {
    const r = repos.get(repoKey('model', repo)) ?? repos.get(repoKey('dataset', repo));
    const found = r === undefined ? undefined : findRevision(r, revision);
    if (found === undefined) throw new Error(`fake hub has no ${repo}@${revision}`);
    return found;
  };

  return {
    url: hubUrl,
    storageUrl,
    requests,
    commitOf: (repo, revision) => revisionOf(repo, revision).commit,
    filesOf: (repo, revision) => revisionOf(repo, revision).files,
    cutNext: (file, bytes, times = 1) => cuts.set(file, { bytes, times }),
    corrupt: (file) => corrupted.add(file),
    ignoreRanges: () => (rangesIgnored = true),
    close: async () => {
      hub.closeAllConnections();
      storage.closeAllConnections();
      await Promise.all([new Promise((r) => hub.close(r)), new Promise((r) => storage.close(r))]);
    },
  };
}
