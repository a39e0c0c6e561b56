import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { assertUniqueIds, parseEvalFile } from '../../../src/core/evaluation/eval-item.js';

function evalError(text: string, file = 'seeds/eval/x.jsonl'): AppError {
  try {
    parseEvalFile(text, file);
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected the file to be rejected');
}

describe('parseEvalFile', () => {
  it('reads question items and turns items, skipping blank lines', () => {
    const text = [
      '{"id":"q1","question":"博士生活补贴多少？","expect":{"cite":["qt25-5"],"contains":["10万元"]}}',
      '',
      '   ',
      '{"id":"t1","turns":["博士能拿多少生活补贴？","那硕士呢？"],"expect":{"cite":["qt25-5"],"lang":"zh"}}',
      '{"id":"o1","question":"明天天气怎么样","expect":{"scope":"out","handoff":false}}',
      '{"id":"n1","question":"没有期望"}',
    ].join('\n');
    const items = parseEvalFile(text, 'f.jsonl');
    expect(items).toEqual([
      { id: 'q1', history: [], question: '博士生活补贴多少？', expect: { cite: ['qt25-5'], contains: ['10万元'] }, source: 'f.jsonl:1' },
      { id: 't1', history: ['博士能拿多少生活补贴？'], question: '那硕士呢？', expect: { cite: ['qt25-5'], lang: 'zh' }, source: 'f.jsonl:4' },
      { id: 'o1', history: [], question: '明天天气怎么样', expect: { scope: 'out', handoff: false }, source: 'f.jsonl:5' },
      { id: 'n1', history: [], question: '没有期望', expect: {}, source: 'f.jsonl:6' },
    ]);
  });

  it('reads a one-turn conversation as a question without history', () => {
    expect(parseEvalFile('{"id":"t","turns":["租房补贴？"]}', 'f')[0]).toMatchObject({ history: [], question: '租房补贴？' });
  });

  it('accepts CRLF line ends', () => {
    expect(parseEvalFile('{"id":"a","question":"x"}\r\n{"id":"b","question":"y"}\r\n', 'f').map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('names file and line of a line that is not JSON', () => {
    const err = evalError('{"id":"a","question":"x"}\n\n{"id":"b", question}\n', 'seeds/eval/retrieval.jsonl');
    expect(err.code).toBe('eval_invalid');
    expect(err.message).toContain('seeds/eval/retrieval.jsonl:3');
    expect(err.message).toContain('not valid JSON');
  });

  it('rejects an item with both question and turns, or neither', () => {
    const both = evalError('{"id":"a","question":"x","turns":["y"]}');
    expect(both.code).toBe('eval_invalid');
    expect(both.message).toContain('seeds/eval/x.jsonl:1');
    expect(both.message).toContain('exactly one of "question" or "turns"');
    expect(evalError('{"id":"a"}').message).toContain('exactly one of');
  });

  it('rejects unknown expectation keys, empty turns, a missing id and wrong types', () => {
    expect(evalError('{"id":"a","question":"x","expect":{"citation":["qt25-5"]}}').code).toBe('eval_invalid');
    expect(evalError('{"id":"a","turns":[]}').code).toBe('eval_invalid');
    expect(evalError('{"question":"x"}').code).toBe('eval_invalid');
    expect(evalError('{"id":"a","question":"x","expect":{"handoff":"yes"}}').code).toBe('eval_invalid');
    expect(evalError('{"id":"a","question":"x","expect":{"scope":"maybe"}}').code).toBe('eval_invalid');
  });

  it('parses the shipped evaluation sets', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const file of ['seeds/eval/retrieval.jsonl', 'seeds/eval/dialogue.jsonl']) {
      const items = parseEvalFile(await readFile(file, 'utf8'), file);
      expect(items.length, file).toBeGreaterThan(0);
      expect(() => assertUniqueIds(items)).not.toThrow();
    }
  });
});

describe('assertUniqueIds', () => {
  it('rejects a duplicate id naming both places', () => {
    const items = [...parseEvalFile('{"id":"a","question":"x"}', 'one.jsonl'), ...parseEvalFile('{"id":"b","question":"y"}\n{"id":"a","question":"z"}', 'two.jsonl')];
    let caught: unknown;
    try {
      assertUniqueIds(items);
    } catch (err) {
      caught = err;
    }
    expect(AppError.isInstance(caught)).toBe(true);
    expect((caught as AppError).code).toBe('eval_invalid');
    expect((caught as AppError).message).toContain('two.jsonl:2');
    expect((caught as AppError).message).toContain('one.jsonl:1');
  });
});
