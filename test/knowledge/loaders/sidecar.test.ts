import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSidecar, readSidecar } from '../../../src/knowledge/loaders/sidecar.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

describe('isSidecar', () => {
  it('recognises .meta.yaml and .meta.yml only', () => {
    expect(isSidecar('qt25.meta.yaml')).toBe(true);
    expect(isSidecar('qt25.pdf.meta.YML')).toBe(true);
    expect(isSidecar('qt25.yaml')).toBe(false);
    expect(isSidecar('meta.md')).toBe(false);
  });
});

describe('readSidecar', () => {
  const tempDir = useTempDirs();

  it('returns undefined when there is no sidecar', async () => {
    const dir = await tempDir({ 'a.pdf': '' });
    expect(await readSidecar(path.join(dir, 'a.pdf'), 'a.pdf')).toBeUndefined();
  });

  it.each(['a.meta.yaml', 'a.meta.yml', 'a.pdf.meta.yaml', 'a.pdf.meta.yml'])('reads %s', async (name) => {
    const dir = await tempDir({ 'a.pdf': '', [name]: 'id: qt25\ntitle: 人才新政\n' });
    expect(await readSidecar(path.join(dir, 'a.pdf'), 'a.pdf')).toEqual({ id: 'qt25', title: '人才新政' });
  });

  it('refuses two sidecars for one file', async () => {
    const dir = await tempDir({ 'a.pdf': '', 'a.meta.yaml': 'id: x', 'a.pdf.meta.yml': 'id: y' });
    await expect(readSidecar(path.join(dir, 'a.pdf'), 'a.pdf')).rejects.toMatchObject({ code: 'invalid_metadata' });
  });

  it('reports broken YAML with the document path', async () => {
    const dir = await tempDir({ 'a.pdf': '', 'a.meta.yaml': 'id: [x' });
    await expect(readSidecar(path.join(dir, 'a.pdf'), 'docs/a.pdf')).rejects.toMatchObject({
      code: 'invalid_metadata',
      message: expect.stringContaining('docs/a.pdf'),
    });
  });
});
