import { describe, expect, it } from 'vitest';
import { ALLOWED_ATTR, ALLOWED_TAGS, SAFE_URL_PATTERN, escapeHtml, isSafeHref, markdownToHtml } from '../../../src/channels/web/widget/markdown-html.js';
import { renderMarkdown } from '../../../src/channels/web/widget/render-markdown.js';

// DOMPurify needs a DOM and no DOM library is installed, so this file tests the pure stage (marked with
// a conservative renderer) and the allow-list; the sanitizer itself runs in the browser tests.

const tagsOf = (html: string): string[] => [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => (m[1] ?? '').toLowerCase());
// Attribute names of every start tag; a tag whose attributes are not all well-formed name="value" fails.
const attrsOf = (html: string): string[] =>
  [...html.matchAll(/<[a-z][a-z0-9]*\b([^>]*)>/gi)].flatMap((m) => {
    const raw = m[1] ?? '';
    expect(raw, raw).toMatch(/^(?:\s[a-z-]+="[^"<>]*")*\s*\/?$/i);
    return [...raw.matchAll(/\s([a-z-]+)="[^"]*"/gi)].map((a) => (a[1] ?? '').toLowerCase());
  });

describe('the allow-list', () => {
  it('keeps no script, style, frame, image, form or SVG element', () => {
    for (const tag of ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'link', 'meta', 'base', 'video', 'audio', 'source']) {
      expect(ALLOWED_TAGS).not.toContain(tag);
    }
  });

  it('keeps no style, class, id, src or event-handler attribute', () => {
    for (const attr of ['style', 'class', 'id', 'src', 'srcset', 'onerror', 'onclick', 'formaction', 'xlink:href', 'action']) {
      expect(ALLOWED_ATTR).not.toContain(attr);
    }
  });

  it('allows only absolute http(s) and mailto link targets', () => {
    expect(SAFE_URL_PATTERN.test('https://www.hangzhou.gov.cn/')).toBe(true);
    expect(SAFE_URL_PATTERN.test('mailto:rencai@example.cn')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>', 'vbscript:x', '/relative', '//evil.example', 'file:///etc/passwd', 'ftp://x']) {
      expect(isSafeHref(bad)).toBe(false);
    }
    expect(isSafeHref('java\tscript:alert(1)')).toBe(false);
    expect(isSafeHref('https://ex\u0000ample.com')).toBe(false);
    expect(isSafeHref('  https://example.com  ')).toBe(true);
  });
});

describe('markdownToHtml', () => {
  it('renders a typical cited answer using only allowed tags and attributes', () => {
    const md = [
      '### 青年大学生生活补贴',
      '',
      '根据**《人才新政25条》第五条**，新引进的硕士可领 *3 万元* 生活补贴：',
      '',
      '1. 毕业 5 年内；',
      '2. 在区内缴纳社保满 6 个月。',
      '',
      '- 本科 1 万元',
      '- 博士 10 万元',
      '',
      '> 示例文本，非官方原文；金额与条件以官方最新发布为准。',
      '',
      '| 学历 | 金额 |',
      '| :-- | --: |',
      '| 硕士 | 3 万元 |',
      '',
      '详见 [钱塘人才全息场](https://example.gov.cn/talent) 或发邮件至 <rencai@example.cn>，`g02-3`。',
      '',
      '---',
      '~~旧政策~~',
    ].join('\n');
    const html = markdownToHtml(md);
    for (const tag of tagsOf(html)) expect(ALLOWED_TAGS).toContain(tag);
    for (const attr of attrsOf(html)) expect(ALLOWED_ATTR).toContain(attr);
    expect(html).toContain('<h3>青年大学生生活补贴</h3>');
    expect(html).toContain('<strong>《人才新政25条》第五条</strong>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<table>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<del>旧政策</del>');
    expect(html).toContain('<a href="https://example.gov.cn/talent" target="_blank" rel="noopener noreferrer">钱塘人才全息场</a>');
    expect(html).toContain('<a href="mailto:rencai@example.cn" target="_blank" rel="noopener noreferrer">rencai@example.cn</a>');
  });

  it('bolds **…** next to Chinese punctuation, where CommonMark alone would not', () => {
    expect(markdownToHtml('根据**《人才新政25条》**规定')).toBe('<p>根据<strong>《人才新政25条》</strong>规定</p>\n');
    expect(markdownToHtml('工单号 **#12**，预计')).toBe('<p>工单号 <strong>#12</strong>，预计</p>\n');
    expect(markdownToHtml('a ** b ** c')).toBe('<p>a ** b ** c</p>\n');
    expect(markdownToHtml('***x***')).toBe('<p><em><strong>x</strong></em></p>\n');
    expect(markdownToHtml('`**代码**`')).toBe('<p><code>**代码**</code></p>\n');
    expect(markdownToHtml('**[官网](javascript:alert(1))**')).toBe('<p><strong>官网</strong></p>\n');
  });

  it('turns single newlines into line breaks', () => {
    expect(markdownToHtml('第一行\n第二行')).toBe('<p>第一行<br>第二行</p>\n');
  });

  it('shows raw HTML as text', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n你好 <img src=x onerror=alert(1)> <b onclick="x()">粗</b>\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe|<b\b/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(tagsOf(html).every((t) => ALLOWED_TAGS.includes(t))).toBe(true);
  });

  it('drops unsafe link targets but keeps the link text', () => {
    const cases = [
      '[点我](javascript:alert(1))',
      '[点我](JaVaScRiPt:alert(1))',
      '[点我](data:text/html;base64,PHNjcmlwdD4=)',
      '[点我](/relative/path)',
      '[点我](vbscript:msgbox)',
      '<javascript:alert(1)>',
      '[点我][ref]\n\n[ref]: javascript:alert(1)',
    ];
    for (const md of cases) {
      const html = markdownToHtml(md);
      expect(html, md).not.toContain('<a');
      expect(html.toLowerCase(), md).not.toContain('href');
    }
    expect(markdownToHtml('[点我](javascript:alert(1))')).toContain('点我');
  });

  it('escapes quotes in link targets and titles', () => {
    const html = markdownToHtml('[x](https://a.example/"onmouseover="alert(1) "t\\" onfocus=\\"y")');
    expect(attrsOf(html)).toEqual(['href', 'title', 'target', 'rel']);
    expect(html).toContain('href="https://a.example/&#34;onmouseover=&#34;alert(1)"');
  });

  it('reduces images to their alt text', () => {
    const html = markdownToHtml('![二维码](https://evil.example/track.png) ![<b>x</b>](https://e.example/a.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('二维码');
    expect(html).not.toContain('<b>');
  });

  it('renders task-list checkboxes as characters, not inputs', () => {
    const html = markdownToHtml('- [x] 学历证书\n- [ ] 社保证明');
    expect(html).not.toContain('<input');
    expect(html).toContain('☑');
    expect(html).toContain('☐');
  });

  it('keeps partial Markdown renderable while an answer streams in', () => {
    expect(() => markdownToHtml('根据**《人才新政25')).not.toThrow();
    expect(() => markdownToHtml('| 学历 | 金')).not.toThrow();
    expect(markdownToHtml('')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});

describe('renderMarkdown without a DOM', () => {
  it('fails closed: shows the Markdown as plain text where DOMPurify cannot run', () => {
    const appended: string[] = [];
    const fragment = { append: (node: { text: string }) => appended.push(node.text) };
    const doc = {
      createDocumentFragment: () => fragment,
      createTextNode: (text: string) => ({ text }),
    } as unknown as Document;
    const out = renderMarkdown('<img src=x onerror=alert(1)> **粗体**', doc);
    expect(out).toBe(fragment);
    expect(appended).toEqual(['<img src=x onerror=alert(1)> **粗体**']);
  });
});
