/** One labelled image of a dataset, as plain data. */
export interface Sample {
  /** Stable id: the image path relative to the dataset root, POSIX separators. */
  readonly id: string;
  /** Absolute path of the image file (inside the dataset root). */
  readonly path: string;
  /** True class name. */
  readonly label: string;
  /** Split name (`train`, `test`, a held-out style, ...), when the dataset has splits. */
  readonly split?: string;
  /** Real-world attack sets: the text already written on the image. */
  readonly attackText?: string;
  /** Real-world attack sets: absolute path of the paired clean image (as SCAM's NoSCAM). */
  readonly cleanPath?: string;
}
