import { describe, expect, it } from 'vitest';
import { aliasTag, tagOf } from '../../../src/channels/wechat/contact-identity.js';
import { citationLines, formatForWechat, formatReply, markdownToPlain } from '../../../src/channels/wechat/format-for-wechat.js';
import { createKeyedQueue } from '../../../src/channels/wechat/keyed-queue.js';
import { loginQrText, renderLoginQr } from '../../../src/channels/wechat/login-qr.js';
import { createMessageGuard } from '../../../src/channels/wechat/message-guard.js';
import { createPacedSender } from '../../../src/channels/wechat/paced-sender.js';
import { splitMessage } from '../../../src/channels/wechat/split-message.js';
import { parseConfig } from '../../../src/config.js';
import type { Citation } from '../../../src/core/types.js';

const QT5: Citation = { key: 'qt25-5', title: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策', article: '第五条 青年大学生生活补贴', quote: '…', status: 'current' };
const G2: Citation = { key: 'g02-1', title: '青年大学生生活补贴申领办事指南', article: '一、适用对象', quote: '…', status: 'current' };
const OLD: Citation = { key: 'qt21-4', title: '钱塘区人才政策（2021版）', article: '第四条 生活补贴', quote: '…', status: 'superseded' };

const ANSWER = [
  '根据《人才新政25条》第五条 青年大学生生活补贴[qt25-5]：',
  '',
  '**对新引进且毕业5年内的青年大学生，按学历给予一次性生活补贴：本科1万元、硕士3万元。**',
  '',
  '依据原文（《人才新政25条》第五条）：',
  '> 对新引进且毕业5年内的青年大学生……',
  '> 生活补贴按本人最高学历计发。',
  '',
  '---',
  '',
  '_示例文本，非官方原文；如需确认，可回复“转人工”。_',
].join('\n');

describe('markdownToPlain', () => {
  it('leaves no Markdown markers: bold, italics, rules and citation markers go, block quotes become 「…」', () => {
    const plain = markdownToPlain(ANSWER, ['qt25-5']);
    expect(plain).toBe([
      '根据《人才新政25条》第五条 青年大学生生活补贴：',
      '',
      '对新引进且毕业5年内的青年大学生，按学历给予一次性生活补贴：本科1万元、硕士3万元。',
      '',
      '依据原文（《人才新政25条》第五条）：',
      '「对新引进且毕业5年内的青年大学生……',
      '生活补贴按本人最高学历计发。」',
      '',
      '示例文本，非官方原文；如需确认，可回复“转人工”。',
    ].join('\n'));
  });

  it('renders headings, lists, links, code, tables and escapes as readable text', () => {
    const md = '## 申请材料\n- 身份证\n* 学历证书 `原件`\n1. 登录[钱塘人才网](https://rc.example.cn)\n\n| 学历 | 金额 |\n|---|---|\n| 硕士 | 3万元 |\n\n价格 5\\*2 元，见 [g02-3] 与 [qt25-5, g03-2]。~~旧~~<b>新</b>&amp;';
    expect(markdownToPlain(md)).toBe('【申请材料】\n• 身份证\n• 学历证书 原件\n1. 登录钱塘人才网（https://rc.example.cn）\n\n学历　金额\n硕士　3万元\n\n价格 5*2 元，见 与。旧新&');
  });

  it('keeps bracketed text that is no citation key, and snake_case words', () => {
    expect(markdownToPlain('[注意] 文件名 policy_file_name 不变')).toBe('[注意] 文件名 policy_file_name 不变');
  });
});

describe('citation lines', () => {
  it('one 依据 line per source, in order, without repeats; superseded ones say so', () => {
    expect(citationLines([QT5, G2, QT5, OLD])).toEqual([
      '依据：《杭州市钱塘区关于进一步加快人才集聚发展的若干政策》第五条 青年大学生生活补贴',
      '依据：《青年大学生生活补贴申领办事指南》一、适用对象',
      '依据：《钱塘区人才政策（2021版）》第四条 生活补贴（旧政策，已被新政策取代）',
    ]);
  });

  it('an English reply gets English Basis lines, marking the translated heading as unofficial', () => {
    const en5: Citation = { ...QT5, en: { title: 'Several Policies…', article: 'Article 5 Living Allowance for Young Graduates', quote: 'RMB 30,000' } };
    expect(citationLines([en5, G2, OLD], 4, 'en')).toEqual([
      'Basis: 《杭州市钱塘区关于进一步加快人才集聚发展的若干政策》Article 5 Living Allowance for Young Graduates (unofficial translation)',
      'Basis: 《青年大学生生活补贴申领办事指南》一、适用对象',
      'Basis: 《钱塘区人才政策（2021版）》第四条 生活补贴 (old policy, replaced by the current one)',
    ]);
    const text = formatReply({ text: 'A master graduate gets RMB 30,000 [qt25-5].', citations: [en5], retrieved: ['qt25-5'], lang: 'en' });
    expect(text).toBe('A master graduate gets RMB 30,000.\n\nBasis: 《杭州市钱塘区关于进一步加快人才集聚发展的若干政策》Article 5 Living Allowance for Young Graduates (unofficial translation)');
  });

  it('formatReply appends the lines after the plain answer', () => {
    const text = formatReply({ text: ANSWER, citations: [QT5], retrieved: ['qt25-5'] });
    expect(text.endsWith('\n\n依据：《杭州市钱塘区关于进一步加快人才集聚发展的若干政策》第五条 青年大学生生活补贴')).toBe(true);
    expect(formatForWechat({ text: '你好', citations: [], retrieved: [] }, 600)).toEqual(['你好']);
  });
});

describe('splitMessage', () => {
  const strip = (s: string): string => s.replace(/\s+/gu, '');

  it('keeps a short text whole and splits a long one at sentence ends, under the limit, in order', () => {
    expect(splitMessage('  短消息。 ', 10)).toEqual(['短消息。']);
    const sentences = Array.from({ length: 30 }, (_, i) => `第${i + 1}句话说明一项补贴条件。`);
    const text = `${sentences.slice(0, 12).join('')}\n\n${sentences.slice(12).join('')}`;
    const parts = splitMessage(text, 100);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect(p).toMatch(/。$/u);
    }
    expect(strip(parts.join(''))).toBe(strip(text));
  });

  it('cuts an over-long sentence at commas, and a comma-less run by characters', () => {
    const long = `${'很长的条件说明，'.repeat(20)}结束。`;
    const parts = splitMessage(long, 50);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(50);
    expect(parts.slice(0, -1).every((p) => p.endsWith('，'))).toBe(true);
    expect(parts.join('')).toBe(long);
    const run = '字'.repeat(130);
    expect(splitMessage(run, 50).map((p) => p.length)).toEqual([50, 50, 30]);
    expect(splitMessage('😀'.repeat(30), 11).every((p) => p.length <= 11 && !p.includes('\ufffd'))).toBe(true);
  });

  it('moves a line that introduces a quote to the part with the quote', () => {
    const text = `${'前文说明。'.repeat(12)}\n依据原文：\n「${'条文内容。'.repeat(8)}」`;
    const parts = splitMessage(text, 70);
    expect(parts.find((p) => p.includes('依据原文'))?.startsWith('依据原文：\n「')).toBe(true);
  });
});

describe('message guard', () => {
  it('drops a repeated message id, and the same longer text from the same sender within the window', () => {
    let now = 0;
    const guard = createMessageGuard({ now: () => now, ratePerMinute: 100, dedupeSeconds: 10 });
    const q = '硕士生活补贴多少';
    expect(guard.isDuplicate('m1', 'a', q)).toBe(false);
    expect(guard.isDuplicate('m1', 'a', q)).toBe(true);
    expect(guard.isDuplicate('m2', 'a', ` ${q} `)).toBe(true);
    expect(guard.isDuplicate('m3', 'b', q)).toBe(false);
    expect(guard.isDuplicate('m4', 'a')).toBe(false);
    now = 11_000;
    expect(guard.isDuplicate('m5', 'a', q)).toBe(false);
  });

  it('keeps short answers that really repeat ("否" to two questions in a row)', () => {
    const guard = createMessageGuard({ now: () => 0, ratePerMinute: 100, dedupeSeconds: 10 });
    expect(guard.isDuplicate('m1', 'a', '否')).toBe(false);
    expect(guard.isDuplicate('m2', 'a', '否')).toBe(false);
    expect(guard.isDuplicate('m2', 'a', '否')).toBe(true);
  });

  it('lets ratePerMinute messages through a minute, then notifies once and drops', () => {
    let now = 0;
    const guard = createMessageGuard({ now: () => now, ratePerMinute: 2, dedupeSeconds: 10 });
    expect(['a', 'a', 'a', 'a'].map((s) => guard.rate(s))).toEqual(['ok', 'ok', 'notify', 'drop']);
    expect(guard.rate('b')).toBe('ok');
    now = 60_001;
    expect(guard.rate('a')).toBe('ok');
  });
});

describe('sending', () => {
  it('sends parts in order through one lane, pausing paceMs between messages', async () => {
    const waits: number[] = [];
    const sent: string[] = [];
    const sender = createPacedSender({ paceMs: 1_000, sleep: async (ms) => void waits.push(ms) });
    const say = async (t: string): Promise<void> => void sent.push(t);
    await Promise.all([sender.send(say, ['a1', 'a2', 'a3']), sender.send(say, ['b1'])]);
    expect(sent).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(waits).toHaveLength(3);
    for (const w of waits) expect(w).toBeGreaterThan(900);
  });

  it('rejects at the first failed part and sends nothing after it; the lane goes on', async () => {
    const sent: string[] = [];
    const sender = createPacedSender({ paceMs: 0 });
    const flaky = async (t: string): Promise<void> => {
      if (t === 'x2') throw new Error('WeChat refused');
      sent.push(t);
    };
    const done: number[] = [];
    await expect(sender.send(flaky, ['x1', 'x2', 'x3'], (i) => void done.push(i))).rejects.toThrow('WeChat refused');
    await sender.send(flaky, ['y1']);
    expect(sent).toEqual(['x1', 'y1']);
    expect(done).toEqual([0]);
  });

  it('waits for the progress record of a part before the next part; a failed record stops the message', async () => {
    const log: string[] = [];
    const sender = createPacedSender({ paceMs: 0 });
    const say = async (t: string): Promise<void> => void log.push(`say ${t}`);
    const record = async (i: number): Promise<void> => {
      await new Promise((r) => setTimeout(r, 5));
      if (i === 1) throw new Error('store down');
      log.push(`saved ${i}`);
    };
    await expect(sender.send(say, ['p1', 'p2', 'p3'], record)).rejects.toThrow('store down');
    expect(log).toEqual(['say p1', 'saved 0', 'say p2']);
  });

  it('runs one key\'s tasks in order, other keys alongside', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const slow = (s: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => r(void log.push(s)), ms));
    await Promise.all([queue.run('a', slow('a1', 30)), queue.run('a', slow('a2', 1)), queue.run('b', slow('b1', 5))]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
    await queue.idle();
  });
});

describe('identity tag and login QR', () => {
  it('finds the stable id in an alias, also behind a human-set remark', () => {
    expect(aliasTag('abc123xyz0')).toBe('qxz-abc123xyz0');
    expect(tagOf('王小明 qxz-abc123xyz0')).toBe('abc123xyz0');
    expect(tagOf('qxz-abc')).toBeUndefined();
    expect(tagOf(undefined)).toBeUndefined();
  });

  it('draws the QR code for the terminal and the console, with a link as the fallback', async () => {
    const qr = await renderLoginQr('https://login.weixin.qq.com/l/abc==');
    expect(qr.imageUrl).toBe('https://wechaty.js.org/qrcode/https%3A%2F%2Flogin.weixin.qq.com%2Fl%2Fabc%3D%3D');
    expect(qr.terminal).toMatch(/[▀▄█]/u);
    expect(qr.svg).toMatch(/^<svg/u);
    expect(loginQrText(qr)).toContain(qr.imageUrl);
  });
});

describe('WeChat configuration', () => {
  it('is absent unless WECHAT_ENABLED=true, with defaults when enabled', () => {
    expect(parseConfig({}).wechat).toBeUndefined();
    expect(parseConfig({ WECHAT_ENABLED: 'true', OFFICER_ROOM_TOPIC: ' 专员群 ' }).wechat).toEqual({
      puppet: 'wechaty-puppet-wechat4u', officerRoomTopic: '专员群', maxMessageChars: 600, ratePerMinute: 10, paceMs: 1000, dedupeSeconds: 10,
    });
  });

  it('needs a token for puppet-service and a puppet package name', () => {
    expect(() => parseConfig({ WECHAT_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-service' })).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN/u);
    expect(parseConfig({ WECHAT_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_padlocal_x' }).wechat?.puppetToken).toBe('puppet_padlocal_x');
    expect(() => parseConfig({ WECHATY_PUPPET: 'rm -rf' })).toThrow(/WECHATY_PUPPET/u);
    expect(() => parseConfig({ WECHAT_MAX_MESSAGE_CHARS: '10' })).toThrow(/WECHAT_MAX_MESSAGE_CHARS/u);
  });
});
