import path from 'node:path';

/** File extensions an image-folder dataset picks up (compared case-insensitively). */
export const imageExtensions = Object.freeze(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp'] as const);

const extensions = new Set<string>(imageExtensions);

/** Whether a file name has one of the {@link imageExtensions}, in any letter case (`IMG_1.JPG`). */
export function isImageFileName(name: string): boolean {
  return extensions.has(path.extname(name).toLowerCase());
}
