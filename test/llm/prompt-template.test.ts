import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrompt, placeholders, render } from '../../src/llm/prompt-template.js';

const PROMPTS = path.resolve(import.meta.dirname, '../../prompts');

describe('render', () => {
  it('fills named placeholders, spaces inside the braces allowed', () => {
    expect(render('请用{{lang}}回答，今天是{{ today }}。', { lang: '简体中文', today: '2025-05-20' })).toBe('请用简体中文回答，今天是2025-05-20。');
  });

  it('inserts values verbatim: no placeholders or replacement patterns inside values', () => {
    expect(render('Q: {{question}} / {{lang}}', { question: '{{lang}} $& $1 $$ `${x}`', lang: 'zh' })).toBe('Q: {{lang}} $& $1 $$ `${x}` / zh');
  });

  it('rejects a placeholder without a value', () => {
    expect(() => render('{{a}} {{b}}', { a: '1' })).toThrow(expect.objectContaining({ code: 'prompt_invalid', details: { missing: ['b'] } }));
  });

  it('rejects a value no placeholder asks for', () => {
    expect(() => render('{{a}}', { a: '1', b: '2' })).toThrow(expect.objectContaining({ code: 'prompt_invalid', details: { unknown: ['b'] } }));
  });

  it('rejects malformed or unbalanced placeholders', () => {
    expect(() => render('{{ 1x }}', {})).toThrow(expect.objectContaining({ code: 'prompt_invalid' }));
    expect(() => render('{{a-b}}', {})).toThrow(expect.objectContaining({ code: 'prompt_invalid' }));
    expect(() => render('{{lang}', { lang: 'zh' })).toThrow(expect.objectContaining({ code: 'prompt_invalid' }));
  });

  it('leaves single braces (JSON examples) alone', () => {
    expect(render('{"intent": "greeting"}', {})).toBe('{"intent": "greeting"}');
  });
});

describe('loadPrompt', () => {
  it('loads the shipped prompts with the placeholders the code fills', async () => {
    expect(placeholders(await loadPrompt(PROMPTS, 'answer'))).toEqual(['lang']);
    expect(placeholders(await loadPrompt(PROMPTS, 'classify-intent'))).toEqual([]);
    expect(placeholders(await loadPrompt(PROMPTS, 'extract-profile'))).toEqual(['today']);
    expect(placeholders(await loadPrompt(PROMPTS, 'rewrite-follow-up'))).toEqual(['history', 'question']);
  });

  it('the answer prompt carries the rules the composer relies on', async () => {
    const answer = await loadPrompt(PROMPTS, 'answer');
    for (const must of ['钱小智', '[qt25-5]', '政府助才专员', '示例文本，非官方原文；金额与条件以官方最新发布为准', '<passage', '<facts>', '<question>']) {
      expect(answer).toContain(must);
    }
  });

  it('rejects a missing file and a name that is not a plain prompt name', async () => {
    await expect(loadPrompt(PROMPTS, 'no-such-prompt')).rejects.toMatchObject({ code: 'prompt_not_found' });
    await expect(loadPrompt(PROMPTS, '../package')).rejects.toMatchObject({ code: 'prompt_invalid' });
  });
});
