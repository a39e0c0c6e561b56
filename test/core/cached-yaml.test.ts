import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlCached } from '../../src/core/cached-yaml.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('parseYamlCached', () => {
  const temp = useTempDirs();

  it('parses as yaml does and reads the value back from its JSON cache entry', async () => {
    const dir = await temp();
    const text = 'zh:\n  补助: [补贴]\n  n: 3\n';
    expect(parseYamlCached(text, dir)).toEqual({ zh: { 补助: ['补贴'], n: 3 } });
    const [entry] = await readdir(dir);
    expect(entry).toMatch(/^[0-9a-f]{40}\.json$/u);
    // The second parse is the cache entry's: changing the entry shows it was read.
    await writeFile(path.join(dir, entry ?? ''), JSON.stringify({ from: 'cache' }));
    expect(parseYamlCached(text, dir)).toEqual({ from: 'cache' });
    // An edited text is another key: parsed afresh.
    expect(parseYamlCached(`${text}  m: 4\n`, dir)).toEqual({ zh: { 补助: ['补贴'], n: 3, m: 4 } });
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('caches nothing that JSON would change, nor a text that is not YAML', async () => {
    const dir = await temp();
    expect(parseYamlCached('a: .inf\nb: .nan\n', dir)).toEqual({ a: Infinity, b: NaN });
    expect(() => parseYamlCached('a: [1, 2\n', dir)).toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('parses without a cache folder', () => {
    expect(parseYamlCached('- 1\n- two\n', undefined)).toEqual([1, 'two']);
  });
});
