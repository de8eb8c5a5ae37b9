import { execFileSync } from 'node:child_process';
import { packageRoot } from '../packageRoot.js';

/** The git commit stroop runs from, when it runs from a checkout; null otherwise. */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}
