import fs from 'node:fs';

/**
 * The process's peak resident set so far in bytes (Linux `VmHWM` in /proc/self/status), or
 * undefined where the kernel does not report it.
 */
export function readPeakRss(statusFile = '/proc/self/status'): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(statusFile, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
