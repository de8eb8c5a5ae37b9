/** Whether a revision is a full 40-hex git commit id (which never moves, unlike a branch or tag). */
export function isCommitHash(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}
