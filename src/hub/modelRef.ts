import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors/errors.js';

/** A `--model` value once parsed: a local directory or a hub repository at a revision. */
export type ModelRef =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 'hub';
      /** `org/name`. */
      readonly id: string;
      /** Branch, tag or 40-hex commit; `main` when the reference named none. */
      readonly revision: string;
      /** Whether the reference named the revision (`org/name@rev`). */
      readonly explicitRevision: boolean;
    };

const allowedForms =
  'a local directory (an existing path, or one starting with ".", "/" or "~") or a Hugging Face hub id org/name[@revision], ' +
  'e.g. openai/clip-vit-base-patch32@main';

// The hub's rule (huggingface_hub's validate_repo_id): word characters, '-', '.', no '--' or '..',
// no leading or trailing '-' / '.', at most 96 characters in all.
const part = /^[A-Za-z0-9_](?:[\w.-]*[A-Za-z0-9_])?$/;
const revisionSegment = /^[\w.-]+$/;
const maxIdLength = 96;

/** Whether `id` is a valid hub repository id `org/name` by huggingface_hub's rule (any repository type). */
export function isValidRepoId(id: string): boolean {
  const parts = id.split('/');
  return (
    parts.length === 2 &&
    id.length <= maxIdLength &&
    parts.every((p) => part.test(p)) &&
    !id.includes('--') &&
    !id.includes('..') &&
    !id.endsWith('.git')
  );
}

/** Whether `revision` is a valid branch, tag, `refs/pr/N` or commit: segments of letters, digits, `_`, `-`, `.`, none `.` or `..`. */
export function isValidRevision(revision: string): boolean {
  const segments = revision.split('/');
  return revision.length <= 256 && segments.every((s) => revisionSegment.test(s) && s !== '.' && s !== '..');
}

function expandHome(ref: string): string {
  return ref === '~' || ref.startsWith('~/') ? path.join(os.homedir(), ref.slice(1)) : ref;
}

/**
 * Parses a `--model` value. A value that names an existing directory, or starts with
 * `.`, `/` or `~`, is a local directory (`~` expanded); anything else must be a hub id
 * `org/name` with an optional `@revision` (branch, tag, `refs/pr/N` or commit hash).
 *
 * @param isDirectory tells whether a path exists as a directory (injected: this module does no I/O).
 * @throws UsageError naming the value and the allowed forms when it is neither.
 */
export function parseModelRef(ref: string, isDirectory: (p: string) => boolean): ModelRef {
  const trimmed = ref.trim();
  if (trimmed === '') throw new UsageError(`--model is empty; give ${allowedForms}.`, '--model');
  if (/^[./~]/.test(trimmed) || isDirectory(trimmed)) return { kind: 'local', dir: expandHome(trimmed) };

  const at = trimmed.indexOf('@');
  const id = at < 0 ? trimmed : trimmed.slice(0, at);
  const revision = at < 0 ? 'main' : trimmed.slice(at + 1);
  if (!isValidRepoId(id)) {
    throw new UsageError(`--model '${ref}' is neither an existing directory nor a valid hub id; give ${allowedForms}.`, '--model');
  }
  if (!isValidRevision(revision)) {
    throw new UsageError(
      `--model '${ref}': revision '${revision}' is not a valid branch, tag or commit (letters, digits, '_', '-', '.' and '/' between segments); give ${allowedForms}.`,
      '--model',
    );
  }
  return { kind: 'hub', id, revision, explicitRevision: at >= 0 };
}

/** Whether a revision is a full 40-hex git commit id (which never moves, unlike a branch or tag). */
export function isCommitHash(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}
