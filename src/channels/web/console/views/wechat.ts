import { h } from '../h.js';
import { shortTime } from '../labels.js';
import type { ConsoleCtx } from './context.js';

/**
 * The WeChat channel for a lead: logged in or not, and the login QR code while a scan is awaited.
 * The SVG is shown as an image from a data: URL, never inserted as markup.
 */
export async function wechatView(ctx: ConsoleCtx): Promise<HTMLElement> {
  const w = await ctx.api.wechat();
  const body: HTMLElement[] = [];
  if (!w.enabled) {
    body.push(h('p', { class: 'muted' }, '微信渠道未启用（设置 WECHAT_ENABLED=true 并配置 puppet 后重启）。'));
  } else {
    body.push(h('p', { 'data-testid': 'wechat-state' }, w.loggedIn ? `已登录：${w.user ?? ''}` : '未登录'));
    if (w.lastEvent) body.push(h('p', { class: 'muted' }, `最近事件：${w.lastEvent.type}（${shortTime(w.lastEvent.at)}）`));
    if (!w.loggedIn && w.qrSvg) {
      body.push(
        h('p', {}, '请用办公室微信扫码登录（二维码可登录该账号，请勿外传）：'),
        h('img', { class: 'qr', alt: '微信登录二维码', 'data-testid': 'wechat-qr', width: 240, height: 240, src: `data:image/svg+xml;base64,${btoa(w.qrSvg)}` }),
      );
    }
  }
  return h('section', { class: 'card', 'data-testid': 'wechat-view' }, h('h2', {}, '微信渠道'), ...body);
}
