import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type YamlModule = { parse(text: string): unknown };

let yamlModule: YamlModule | undefined;
// Loaded on the first cache miss only: the yaml package is some seventy modules.
const yaml = (): YamlModule => (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);

/** Whether JSON keeps a value exactly (no NaN, Infinity, undefined or non-plain object inside). */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonExact);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.entries(value).every(([k, v]) => k !== '__proto__' && jsonExact(v));
  return false;
}

/**
 * Parses YAML like `yaml`'s `parse`, through a cache of the result as JSON keyed by a hash of the
 * text: the seeds and rules (glossary, rules, FAQ) cost ~250 ms of YAML parsing at every start,
 * while reading the same value as JSON costs a few. An edited file has a new hash, so a stale entry
 * is never read; errors are thrown as by `parse` (nothing is cached then). `cacheDir` undefined
 * (or unwritable) parses without caching.
 */
export function parseYamlCached(text: string, cacheDir: string | undefined = defaultCacheDir()): unknown {
  if (cacheDir === undefined) return yaml().parse(text);
  const key = createHash('sha256').update(text).digest('hex').slice(0, 40);
  const file = path.join(cacheDir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // Not cached yet (or unreadable): parsed below.
  }
  const value = yaml().parse(text);
  if (jsonExact(value)) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(value));
      renameSync(tmp, file);
    } catch {
      // A read-only install parses every time; nothing else changes.
    }
  }
  return value;
}

let cacheDirOnce: { dir: string | undefined } | undefined;

/**
 * node_modules/.cache/qianxiaozhi-yaml-<yaml version> under the working folder (where npm runs the
 * scripts), if the yaml package is installed there: a new yaml version starts a new cache.
 */
function defaultCacheDir(): string | undefined {
  cacheDirOnce ??= (() => {
    const modules = path.resolve('node_modules');
    try {
      const { version } = JSON.parse(readFileSync(path.join(modules, 'yaml', 'package.json'), 'utf8')) as { version?: string };
      return { dir: path.join(modules, '.cache', `qianxiaozhi-yaml-${version ?? 'unknown'}`) };
    } catch {
      return { dir: undefined };
    }
  })();
  return cacheDirOnce.dir;
}
