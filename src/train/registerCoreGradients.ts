import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * A resolve hook that lets Node load tfjs-core's per-file ES modules as shipped: they sit in
 * a package without "type": "module" and import each other without the `.js` extension.
 */
const coreModulesHook = `
  const inCore = (url) => url.includes('/@tensorflow/tfjs-core/dist/') && !url.endsWith('tf-core.node.js');
  export async function resolve(specifier, context, next) {
    const parent = context.parentURL ?? '';
    if (inCore(parent) && specifier.startsWith('.') && !specifier.endsWith('.js')) {
      return { url: new URL(specifier + '.js', parent).href, format: 'module', shortCircuit: true };
    }
    const resolved = await next(specifier, context);
    return inCore(resolved.url) ? { ...resolved, format: 'module' } : resolved;
  }`;

let registered: Promise<void> | undefined;

/**
 * Registers tfjs-core's gradient functions, once per process. tfjs-core's Node bundle
 * registers none (only the `@tensorflow/tfjs` union bundle does); the configs exist in its
 * per-file modules (`dist/gradients/*.js`), loaded here through a resolve hook. The kernel and
 * gradient registries live on `globalThis`, so gradients registered from that copy serve the
 * bundle's ops.
 */
export function registerCoreGradients(): Promise<void> {
  registered ??= (async () => {
    register(`data:text/javascript,${encodeURIComponent(coreModulesHook)}`);
    const file = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
    await import(pathToFileURL(file).href);
  })();
  return registered;
}
