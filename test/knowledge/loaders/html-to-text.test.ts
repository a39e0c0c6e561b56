import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { htmlTitle, htmlToText } from '../../../src/knowledge/loaders/html-to-text.js';

describe('htmlToText', () => {
  it('puts every heading on its own line, even when inline with text', () => {
    const $ = load('<div>前言<h3>第一条</h3>内容<h3>第二条</h3>内容</div>');
    expect(htmlToText($)).toBe('前言\n第一条\n内容\n第二条\n内容');
  });

  it('keeps table cells apart and rows on their own lines', () => {
    const $ = load('<table><tr><th>类别</th><th>金额</th></tr><tr><td>博士</td><td>100万</td></tr></table>');
    expect(htmlToText($)).toBe('类别 金额\n博士 100万');
  });
});

describe('htmlTitle', () => {
  it('prefers <title> over the first <h1>', () => {
    expect(htmlTitle(load('<title> 页面 标题 </title><h1>正文标题</h1>'))).toBe('页面 标题');
    expect(htmlTitle(load('<h1>正文标题</h1><h1>第二个</h1>'))).toBe('正文标题');
  });
});
