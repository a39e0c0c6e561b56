import { describe, expect, it } from 'vitest';
import { parseYamlMapping, splitFrontMatter } from '../../../src/knowledge/loaders/front-matter.js';

describe('splitFrontMatter', () => {
  it('returns the text untouched when it does not start with ---', () => {
    expect(splitFrontMatter('正文\n---\nid: x\n---')).toEqual({ body: '正文\n---\nid: x\n---' });
  });

  it('parses YAML front matter', () => {
    const { body, data } = splitFrontMatter('---\nid: g01\nstatus: current\n---\n正文');
    expect(data).toEqual({ id: 'g01', status: 'current' });
    expect(body.trim()).toBe('正文');
  });
});

describe('parseYamlMapping', () => {
  it('parses a mapping, dates included', () => {
    const data = parseYamlMapping('id: qt25\neffective: 2024-05-01\n', 'sidecar x.meta.yaml');
    expect(data.id).toBe('qt25');
    expect(data.effective).toBeInstanceOf(Date);
  });

  it('treats an empty file as an empty mapping', () => {
    expect(parseYamlMapping('', 'sidecar x.meta.yaml')).toEqual({});
  });

  it('rejects broken YAML and non-mappings with invalid_metadata naming the source', () => {
    expect(() => parseYamlMapping('id: [x', 'sidecar x.meta.yaml')).toThrow(/sidecar x\.meta\.yaml/);
    expect(() => parseYamlMapping('just a string', 'sidecar x.meta.yaml')).toThrow(
      expect.objectContaining({ code: 'invalid_metadata' }),
    );
  });
});
