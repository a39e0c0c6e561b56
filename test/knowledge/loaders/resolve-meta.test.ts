import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import {
  cleanTitle,
  idFromFileName,
  kindFromTitle,
  resolveMeta,
  titleFromBody,
  type MetaSources,
} from '../../../src/knowledge/loaders/resolve-meta.js';

function metaError(src: MetaSources): AppError {
  try {
    resolveMeta(src);
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected resolveMeta to throw');
}

const base = { fileName: 'qt25.md', path: 'policies/qt25.md', body: '# 《钱塘区人才新政25条》\n\n第一条 …' };

describe('derivation helpers', () => {
  it('derives ids from file names', () => {
    expect(idFromFileName('QT25.md')).toBe('qt25');
    expect(idFromFileName('Guide_02 安家补贴.docx')).toBe('guide-02');
    expect(idFromFileName('g-03.meta.pdf')).toBe('g-03-meta');
    expect(idFromFileName('人才新政.pdf')).toBe('');
  });

  it('cleans titles and takes the first non-empty line', () => {
    expect(cleanTitle('## 《人才新政》实施细则')).toBe('人才新政实施细则');
    expect(titleFromBody('\n\n  \n# 《钱塘区人才新政25条》\n正文')).toBe('钱塘区人才新政25条');
    expect(titleFromBody('x'.repeat(500))).toHaveLength(100);
  });

  it('calls a text with 指南 in its title a guide', () => {
    expect(kindFromTitle('钱塘区人才安家补贴办事指南')).toBe('guide');
    expect(kindFromTitle('申报指南')).toBe('guide');
    expect(kindFromTitle('钱塘区人才新政25条')).toBe('policy');
  });
});

describe('resolveMeta', () => {
  it('derives everything for a file without front matter', () => {
    expect(resolveMeta(base)).toEqual({ id: 'qt25', title: '钱塘区人才新政25条', status: 'current', kind: 'policy' });
  });

  it('validates front matter and turns YAML dates into YYYY-MM-DD', () => {
    const meta = resolveMeta({
      ...base,
      frontMatter: {
        id: 'qt25',
        title: '《杭州市钱塘区人才新政25条》',
        shortName: '人才新政25条',
        issuer: '钱塘区人才办',
        kind: 'policy',
        status: 'superseded',
        effective: new Date(Date.UTC(2023, 0, 1)),
        expires: '2025年6月30日',
        supersededBy: 'qt26',
        basis: 'qt20-3',
        extraKeyFromAnotherTool: true,
      },
    });
    expect(meta).toEqual({
      id: 'qt25',
      title: '杭州市钱塘区人才新政25条',
      shortName: '人才新政25条',
      issuer: '钱塘区人才办',
      kind: 'policy',
      status: 'superseded',
      effective: '2023-01-01',
      expires: '2025-06-30',
      supersededBy: 'qt26',
      basis: ['qt20-3'],
    });
  });

  it('lets the sidecar override front matter, and derives kind from the final title', () => {
    const meta = resolveMeta({
      ...base,
      frontMatter: { id: 'old', title: '旧标题', effective: '2020-01-01' },
      sidecar: { id: 'g02', title: '安家补贴办事指南', effective: null },
    });
    expect(meta).toEqual({ id: 'g02', title: '安家补贴办事指南', kind: 'guide', status: 'current', effective: '2020-01-01' });
  });

  it('prefers a title the format declares over the first line', () => {
    expect(resolveMeta({ ...base, formatTitle: '页面标题' }).title).toBe('页面标题');
  });

  it('accepts numeric ids from YAML', () => {
    expect(resolveMeta({ ...base, frontMatter: { id: 2024 } }).id).toBe('2024');
  });

  it('names the file and the field when a value is invalid', () => {
    const err = metaError({ ...base, frontMatter: { kind: 'notice' } });
    expect(err.code).toBe('invalid_metadata');
    expect(err.message).toContain('policies/qt25.md');
    expect(err.message).toContain('"kind"');
    expect(err.details).toMatchObject({ path: 'policies/qt25.md', field: 'kind' });
  });

  it.each([
    ['effective', '2024-02-30'],
    ['effective', '2024-13-01'],
    ['effective', 'soon'],
    ['id', 'QT 25'],
    ['status', 'repealed'],
    ['basis', 5],
  ])('rejects %s = %j', (field, value) => {
    const err = metaError({ ...base, frontMatter: { [field]: value } });
    expect(err.details?.field).toBe(field);
  });

  it('rejects expires before effective', () => {
    const err = metaError({ ...base, frontMatter: { effective: '2024-05-01', expires: '2024-04-30' } });
    expect(err.details?.field).toBe('expires');
  });

  it('asks for an explicit id when the file name yields none', () => {
    const err = metaError({ ...base, fileName: '人才新政.pdf' });
    expect(err.details?.field).toBe('id');
    expect(err.message).toContain('sidecar');
  });
});
