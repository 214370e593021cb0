import { createRequire } from 'node:module';

/**
 * A library loaded on first use, not when the module naming it is imported: the API, and so every CLI command and the
 * app's start, goes without it. require() shares Node's module cache with import, so classes are the very same
 * (instanceof holds), and synchronous users can call it.
 */
const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let lib: T | undefined;
  return () => (lib ??= require(id) as T);
}
