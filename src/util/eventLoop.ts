/**
 * Letting the event loop turn inside long synchronous work.
 *
 * Some memory is only released when Node's event loop turns: node-canvas frees a canvas's pixels
 * in an N-API finalizer that Node runs as a task after garbage collection, and pngjs's stream
 * parser holds buffers in process.nextTick callbacks. A loop that composes or encodes images
 * synchronously, step after step, never lets those run, and grows by every image it makes (64
 * canvases of 112 px per training batch: about 3.5 MB a step, 1.1 GB after 300 steps; flat with a
 * turn per step). Signal handlers (Ctrl-C) also run only when the loop turns.
 */

/** Resolves after the event loop has turned once (pending finalizers, I/O and signal handlers run). */
export function turnEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
