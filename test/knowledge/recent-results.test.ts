import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../src/knowledge/recent-results.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';

describe('rememberRecent', () => {
  const counting = () => {
    const calls: string[] = [];
    const f = rememberRecent((text: string) => {
      calls.push(text);
      return text.length;
    }, { size: 2, maxKeyLength: 5 });
    return { f, calls };
  };

  it('computes a text once while it stays among the most recent', () => {
    const { f, calls } = counting();
    expect([f('ab'), f('ab'), f('abc'), f('ab')]).toEqual([2, 2, 3, 2]);
    expect(calls).toEqual(['ab', 'abc']);
  });

  it('forgets the least recently used text beyond its size', () => {
    const { f, calls } = counting();
    f('a');
    f('b');
    f('a'); // a is now more recent than b
    f('c'); // b goes
    f('a');
    f('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not keep texts longer than the limit', () => {
    const { f, calls } = counting();
    f('abcdef');
    f('abcdef');
    expect(calls).toEqual(['abcdef', 'abcdef']);
  });
});

describe('the jieba tokenizer with remembered cuts', () => {
  it('gives every caller its own copy of the terms', () => {
    const tokenizer = createJiebaTokenizer();
    const first = tokenizer.terms('租房补贴怎么申请');
    const expected = [...first];
    first.push('changed');
    first[0] = 'x';
    expect(tokenizer.terms('租房补贴怎么申请')).toEqual(expected);
  });
});
