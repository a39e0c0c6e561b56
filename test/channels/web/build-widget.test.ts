import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget, widgetStyleHash } from '../../../src/channels/web/build-widget.js';

// Size budget of /widget.js (marked + DOMPurify + the widget, minified): 160 KB raw, 55 KB gzipped.
// Measured at ~120 KB / ~41 KB; the budget leaves room to grow but catches an accidental extra dependency.
const MAX_BYTES = 160 * 1024;
const MAX_GZIP_BYTES = 55 * 1024;

describe('buildWidget', () => {
  it('bundles the widget into one minified IIFE within the size budget', async () => {
    const { code, gzipBytes } = await buildWidget();
    expect(code.length).toBeGreaterThan(10_000);
    expect(code.length).toBeLessThan(MAX_BYTES);
    expect(gzipBytes).toBeLessThan(MAX_GZIP_BYTES);
    expect(gzipBytes).toBe(gzipSync(code, { level: 9 }).length);
    // An IIFE: the body is one arrow function called at once (license notices may follow as comments).
    expect(code).toMatch(/^(?:"use strict";)?\(\(\)=>\{/);
    expect(code).toContain('})();');
    expect(code).not.toMatch(/^\s*(?:import|export)\s/m);
    // Syntactically valid JavaScript (compiled, not run: it needs a DOM).
    expect(() => new Script(code)).not.toThrow();
  });

  it('contains no eval, Function constructor, Node APIs or non-ASCII bytes', async () => {
    const { code } = await buildWidget();
    expect(code).not.toContain('eval(');
    expect(code).not.toMatch(/new Function\s*\(/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toContain('process.env');
    // ASCII only, so a host page served as GBK cannot garble the Chinese UI strings.
    expect(/^[\x00-\x7f]*$/.test(code)).toBe(true);
  });

  it('carries the window API, the test hooks and no inline event handlers', async () => {
    const { code } = await buildWidget();
    expect(code).toContain('QianXiaoZhi');
    expect(code).toContain('qianxiaozhi:ready');
    for (const id of ['qxz-launcher', 'qxz-panel', 'qxz-input', 'qxz-send', 'qxz-messages', 'qxz-message', 'qxz-source', 'qxz-feedback-up', 'qxz-feedback-down', 'qxz-handoff', 'qxz-handoff-notice']) {
      expect(code).toContain(`"${id}"`);
    }
    expect(code).not.toMatch(/setAttribute\("on/);
    expect(code).toContain('adoptedStyleSheets');
  });

  it('is built once and cached', async () => {
    const a = await buildWidget();
    const b = await buildWidget();
    expect(b).toBe(a);
  });

  it('gives a CSP hash for the fallback <style> element', () => {
    expect(widgetStyleHash()).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  });
});
