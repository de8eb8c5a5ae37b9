/**
 * One labelled image of a dataset, as plain data: what `openDataset(...).samples()`
 * streams to the runner. A sample only names files; nothing has been read from them,
 * and `path` may name an image that does not exist or cannot be decoded - the runner
 * turns that into an error outcome for this sample and goes on.
 */
export interface Sample {
  /**
   * Stable id: the image path relative to the dataset root, POSIX separators, normalised
   * (`./a/../b.png` -> `b.png`, backslashes -> `/`). Unique within an image folder; a
   * manifest that lists the same image twice yields two samples with the same id.
   */
  readonly id: string;
  /**
   * Absolute path of the image file (inside the dataset root). For an existing file this is
   * its real path (symlinks resolved, so what was checked is what gets read); for a missing
   * one, the root-joined path.
   */
  readonly path: string;
  /** True class name, verbatim from the folder name, file name or manifest (never blank). */
  readonly label: string;
  /** Split name (`train`, `test`, a held-out style, ...), when the dataset has splits. */
  readonly split?: string;
  /** Real-world attack sets: the text already written on the image. */
  readonly attackText?: string;
  /** Real-world attack sets: absolute path of the paired clean image (as SCAM's NoSCAM). */
  readonly cleanPath?: string;
}
