import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEMO_PAGE_CSS, DEMO_PAGE_STYLE_HASH, renderDemoPage } from '../../../src/channels/web/pages/demo-page.js';
import { DEMO_SCRIPT } from '../../../src/channels/web/pages/demo-script.js';

const page = (over: Partial<Parameters<typeof renderDemoPage>[0]> = {}): string =>
  renderDemoPage({ title: '钱小智 · 钱塘区人才政策助手', widgetSrc: '/widget.js', lang: 'zh', ...over });

const scriptTags = (html: string): string[] => html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];

describe('renderDemoPage', () => {
  it('is a complete zh page that explains 钱小智 and embeds the widget open', () => {
    const html = page();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>钱小智 · 钱塘区人才政策助手</title>');
    expect(html).toContain('人才新政25条');
    expect(html).toContain('钱塘人才21条');
    expect(html).toContain('12 份办事指南');
    expect(html).toContain('政府助才专员');
    expect(html).toMatch(/<script src="\/widget\.js" data-title="钱小智" data-lang="zh" data-open="true" async><\/script>/);
    expect(html).toContain('<script src="/demo.js" defer></script>');
    expect(html).toContain('href="/console"');
  });

  it('offers example questions in three groups, incl. the eligibility dialogue and a handoff', () => {
    const html = page();
    expect(html.match(/class="card group"/g)).toHaveLength(3);
    const asks = [...html.matchAll(/data-ask="([^"]*)"/g)].map((m) => m[1]);
    expect(asks).toContain('我28岁，全日制硕士，2024年毕业，今年3月来钱塘工作，社保交了8个月，能领生活补贴吗');
    expect(asks).toContain('转人工');
    expect(asks).toContain('新政和老政策有什么变化？');
    expect(asks.length).toBeGreaterThanOrEqual(9);
    // Examples are buttons (keyboard reachable), not links or spans.
    expect(html.match(/<button type="button" class="ask" data-ask=/g)?.length).toBeGreaterThanOrEqual(9);
  });

  it('says the corpus is an illustrative sample', () => {
    expect(page()).toContain('示例文本，非官方原文；金额与条件以官方最新发布为准');
    expect(page({ lang: 'en' })).toContain('示例文本，非官方原文；金额与条件以官方最新发布为准');
  });

  it('has no inline script, no event-handler attributes and no style attributes', () => {
    for (const html of [page(), page({ lang: 'en' })]) {
      const scripts = scriptTags(html);
      expect(scripts).toHaveLength(2);
      for (const s of scripts) {
        expect(s).toMatch(/^<script src="[^"]+"/);
        expect(s).toMatch(/><\/script>$/);
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
    }
  });

  it('escapes the title and the widget URL', () => {
    const html = page({ title: '<script>alert("x")</script> & "q"', widgetSrc: '/widget.js?v="><script>alert(1)</script>' });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<title>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;q&#34;</title>');
    expect(html).toContain('<script src="/widget.js?v=&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(scriptTags(html)).toHaveLength(2);
  });

  it('renders an English page with an English widget', () => {
    const html = page({ lang: 'en', title: 'Qian Xiaozhi' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('data-lang="en" data-open="true"');
    expect(html).toContain('helper officer');
    expect(html).toContain('class="card group"');
  });

  it('exports the CSP hash of its one <style> block', () => {
    const html = page();
    const styles = html.match(/<style>([\s\S]*?)<\/style>/g) ?? [];
    expect(styles).toHaveLength(1);
    expect(html).toContain(`<style>${DEMO_PAGE_CSS}</style>`);
    expect(DEMO_PAGE_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update(DEMO_PAGE_CSS).digest('base64')}'`);
  });
});

describe('DEMO_SCRIPT', () => {
  it('is valid JavaScript that asks the widget for [data-ask] clicks', () => {
    expect(() => new Script(DEMO_SCRIPT)).not.toThrow();
    expect(DEMO_SCRIPT).toContain("closest('[data-ask]')");
    expect(DEMO_SCRIPT).toContain('QianXiaoZhi');
    expect(DEMO_SCRIPT).toContain('qianxiaozhi:ready');
    expect(DEMO_SCRIPT).not.toContain('eval(');
    expect(DEMO_SCRIPT).not.toContain('innerHTML');
  });

  it('calls window.QianXiaoZhi.ask with the clicked text, waiting for the widget if needed', () => {
    const listeners: Record<string, (e: unknown) => void> = {};
    const asked: string[] = [];
    const win: Record<string, unknown> = {
      addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[`window:${type}`] = fn),
    };
    const doc = { addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[`document:${type}`] = fn) };
    const trigger = { getAttribute: (n: string) => (n === 'data-ask' ? '租房补贴要什么材料？' : null) };
    const click = { target: { closest: (sel: string) => (sel === '[data-ask]' ? trigger : null) }, preventDefault: () => undefined };
    new Script(DEMO_SCRIPT).runInNewContext({ window: win, document: doc });

    listeners['document:click']?.(click); // widget not loaded yet: queued
    expect(asked).toEqual([]);
    win['QianXiaoZhi'] = { ask: (t: string) => asked.push(t) };
    listeners['window:qianxiaozhi:ready']?.({});
    expect(asked).toEqual(['租房补贴要什么材料？']);
    listeners['document:click']?.(click); // loaded: asked at once
    expect(asked).toEqual(['租房补贴要什么材料？', '租房补贴要什么材料？']);
    listeners['document:click']?.({ target: { closest: () => null }, preventDefault: () => undefined });
    expect(asked).toHaveLength(2);
  });
});
