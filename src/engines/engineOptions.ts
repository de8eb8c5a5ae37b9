/** Where an engine should run. `auto` takes the fastest that loads; the others never fall back. */
export type Device = 'auto' | 'cpu' | 'gpu';

export interface EngineOptions {
  readonly device: Device;
  /** Worker threads for CPU backends that support them; undefined = one per core. */
  readonly threads?: number;
}
