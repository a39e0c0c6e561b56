import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/knowledge/loaders/html.js';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>钱塘区人才新政25条</title>
<style>.x { color: red }</style><script>var tracking = 1;</script></head>
<body>
<header><h1>钱塘区人民政府</h1></header>
<nav><a href="/">首页</a> &gt; 政策文件</nav>
<main>
  <h1>钱塘区人才新政25条</h1>
  <h2>第一章 总则</h2>
  <p>第一条　为集聚人才，
     制定本政策。</p><p>第二条 本政策适用于……</p>
  <div>第三条 安家补贴：<br>（一）博士&nbsp;100万元；<br>（二）硕士 50万元。</div>
  <ul><li>申请材料一</li><li>申请材料二</li></ul>
  <script>alert(1)</script>
</main>
<footer>版权所有 钱塘区</footer>
</body></html>`;

describe('loadHtml', () => {
  it('takes <main>, drops chrome and scripts, and puts each heading and article on its own line', async () => {
    const { body, title } = await loadHtml(Buffer.from(PAGE));
    expect(title).toBe('钱塘区人才新政25条');
    expect(body.split('\n')).toEqual([
      '钱塘区人才新政25条',
      '第一章 总则',
      '第一条　为集聚人才， 制定本政策。',
      '第二条 本政策适用于……',
      '第三条 安家补贴：',
      '（一）博士 100万元；',
      '（二）硕士 50万元。',
      '申请材料一',
      '申请材料二',
    ]);
    for (const leaked of ['alert', 'tracking', 'color', '首页', '版权所有', '钱塘区人民政府']) {
      expect(body).not.toContain(leaked);
    }
  });

  it('falls back to <body> and to the first <h1> for the title', async () => {
    const html = '<body><h1>人才认定办法</h1>第一条 认定标准<br/>第二条 认定程序<script>alert(1)</script></body>';
    const { body, title } = await loadHtml(Buffer.from(html));
    expect(title).toBe('人才认定办法');
    expect(body).toBe('人才认定办法\n第一条 认定标准\n第二条 认定程序');
  });

  it('uses <article> when there is no <main>', async () => {
    const html = '<body><aside>热点</aside><article><p>第一条 甲</p></article></body>';
    expect((await loadHtml(Buffer.from(html))).body).toBe('第一条 甲');
  });

  it('decodes a GBK page declared by <meta charset>', async () => {
    const head = Buffer.from('<html><head><meta charset="gbk"></head><body><p>');
    // 第一条 人才 in GBK
    const text = Buffer.from([0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5, 0x20, 0xc8, 0xcb, 0xb2, 0xc5]);
    const tail = Buffer.from('</p></body></html>');
    expect((await loadHtml(Buffer.concat([head, text, tail]))).body).toBe('第一条 人才');
  });

  it('reads an undeclared page as UTF-8 when it is valid UTF-8, else as GBK', async () => {
    // cheerio's own default for undeclared pages is windows-1252, which garbles Chinese.
    expect((await loadHtml(Buffer.from('<p>第一条 人才</p>'))).body).toBe('第一条 人才');
    const gbk = Buffer.from([0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5, 0x20, 0xc8, 0xcb, 0xb2, 0xc5]);
    expect((await loadHtml(Buffer.concat([Buffer.from('<p>'), gbk, Buffer.from('</p>')]))).body).toBe('第一条 人才');
  });

  it('returns no title when the page has none', async () => {
    expect((await loadHtml(Buffer.from('<p>正文</p>'))).title).toBeUndefined();
  });
});
