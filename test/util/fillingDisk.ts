import fs from 'node:fs';
import { mock } from 'node:test';

/**
 * Makes `fs.writeSync` behave like a disk with `capacity` bytes free, as a tmpfs of that size
 * does: a write larger than the space left writes what fits and returns the shorter count, and
 * the next write throws `ENOSPC`. Undone by `mock.restoreAll()`.
 * @returns how many bytes were written in all.
 */
export function fillingDisk(capacity: number): { readonly written: () => number } {
  const real = fs.writeSync;
  let left = capacity;
  mock.method(fs, 'writeSync', (fd: number, bytes: Uint8Array, offset: number, length: number) => {
    if (left === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const written = real(fd, bytes, offset, Math.min(length, left));
    left -= written;
    return written;
  });
  return { written: () => capacity - left };
}
