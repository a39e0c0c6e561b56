import { FileBox } from 'file-box';
import { describe, expect, it } from 'vitest';
import { HELP_TEXT, NON_TEXT_TEXT, RATE_LIMITED_TEXT, RESET_TEXT } from '../../../src/channels/wechat/strings.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';
import { BOT_NAME, useWechatApp, waitFor } from './wechat-harness.js';

describe.each(STORE_BACKENDS)('WeChat talents on $name', ({ name, skip }) => {
describe.skipIf(skip)(`store ${name}`, () => {
const app = useWechatApp(name);
const MARKDOWN_RE = /\*\*|^>|\[qt25-\d+\]|^#+\s|^---$|(^|\s)_\S/mu;

describe('WeChat channel: talents', () => {
  it('answers a direct message in plain text with a 依据 citation line', async () => {
    const bot = await app.startBot();
    const talent = bot.contact();
    talent.say('青年大学生生活补贴有多少？').to(bot.user);
    await waitFor(() => bot.inbox(talent).length > 0, 'the answer');
    await bot.settle();
    const text = bot.inbox(talent).join('\n');
    expect(text).toContain('本科1万元、硕士3万元、博士10万元');
    expect(text).toMatch(/^依据：《杭州市钱塘区关于进一步加快人才集聚发展的若干政策》第五条/mu);
    expect(text).not.toMatch(MARKDOWN_RE);
    // The source is named once, in the 依据 lines at the end, not again in the body.
    expect(text.match(/依据：《[^》]+》第五条/gu)?.length).toBe(1);
    for (const part of bot.inbox(talent)) expect(part.length).toBeLessThanOrEqual(app.config.wechat?.maxMessageChars ?? 0);
  });

  it('answers an English question with English Basis lines from the translation', async () => {
    const bot = await app.startBot();
    const talent = bot.contact();
    talent.say("What's the rent subsidy for a master's graduate?").to(bot.user);
    await waitFor(() => bot.inbox(talent).length > 0, 'the answer');
    await bot.settle();
    const text = bot.inbox(talent).join('\n');
    expect(text).toMatch(/^Basis: 《杭州市钱塘区关于进一步加快人才集聚发展的若干政策》Article 6 Rent Subsidy \(unofficial translation\)$/mu);
    expect(text).not.toMatch(/^依据：/mu);
  });

  it('ignores room messages without a mention and answers @-mentions with the mention stripped', async () => {
    const bot = await app.startBot();
    const talent = bot.contact('小周');
    const room = bot.room('钱塘人才交流群', [talent]);
    talent.say('租房补贴硕士每年多少？').to(room);
    await bot.settle();
    expect(bot.roomLog(room)).toEqual([]);

    talent.say(`@${BOT_NAME} 租房补贴硕士每年多少？`, [bot.user]).to(room);
    await waitFor(() => bot.roomLog(room).length > 0, 'the room answer');
    await bot.settle();
    const [first] = bot.roomLog(room);
    expect(first?.startsWith('@小周 ')).toBe(true);
    expect(bot.roomLog(room).join('\n')).toContain('硕士每年2万元');
    expect(bot.roomLog(room).join('\n')).toMatch(/依据：《[^》]+》第六条/u);
  });

  it('never answers its own messages or an official account', async () => {
    const bot = await app.startBot();
    const official = bot.contact('钱塘发布', { type: 2 });
    official.say('今日要闻：人才政策').to(bot.user);
    const talent = bot.contact();
    talent.say('帮助').to(bot.user);
    await waitFor(() => bot.inbox(talent).length > 0, 'the help text');
    await bot.settle();
    expect(bot.inbox(official)).toEqual([]);
    // Its own reply came back as a message event too, and got no answer: one message only.
    expect(bot.inbox(talent)).toEqual([HELP_TEXT]);
  });

  it('answers pictures and videos with what it can take', async () => {
    const bot = await app.startBot();
    const talent = bot.contact();
    for (const name of ['photo.jpg', 'clip.mp4', 'scan.png']) talent.say(FileBox.fromBase64('aGVsbG8=', name)).to(bot.user);
    await waitFor(() => bot.inbox(talent).length === 3, 'three non-text replies');
    expect(bot.inbox(talent)).toEqual([NON_TEXT_TEXT, NON_TEXT_TEXT, NON_TEXT_TEXT]);
    expect(NON_TEXT_TEXT).toMatch(/文字/u);
  });

  it('帮助 shows the commands; 重新开始 forgets the profile facts', async () => {
    const bot = await app.startBot();
    const talent = bot.contact();
    talent.say('我今年28岁，硕士学历').to(bot.user);
    await waitFor(() => bot.inbox(talent).length > 0, 'the first answer');
    await bot.settle();
    const stableId = (await app.db.get<{ id: string }>('SELECT stable_id AS id FROM wechat_identities WHERE contact_id = ?', [talent.id]))!;
    const before = await app.store.get(`wechat:${stableId.id}`);
    expect(before?.profile).toMatchObject({ degree: expect.anything() });

    talent.say('重新开始').to(bot.user);
    await waitFor(() => bot.inbox(talent).at(-1) === RESET_TEXT, 'the reset reply');
    expect((await app.store.get(`wechat:${stableId.id}`))?.profile).toEqual({});

    talent.say('帮助').to(bot.user);
    await waitFor(() => bot.inbox(talent).at(-1) === HELP_TEXT, 'the help text');
    expect(HELP_TEXT).toContain('转人工');
    // The turns are in the conversation's thread, as the console shows it.
    expect((await app.store.messages(`wechat:${stableId.id}`)).map((m) => m.role)).toEqual(['user', 'bot']);
  });

  it('splits a long answer at sentence ends into parts under the limit, in order', async () => {
    const bot = await app.startBot({ wechat: { maxMessageChars: 80 } });
    const talent = bot.contact();
    talent.say('青年大学生生活补贴有多少？').to(bot.user);
    await waitFor(() => bot.inbox(talent).some((p) => p.includes('依据：')), 'the last part');
    await bot.settle();
    const parts = bot.inbox(talent);
    // The answer (73 characters) and its citation with the caveat do not fit one 80-character message.
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(80);
    // The direct answer comes first.
    expect(parts[0]).toMatch(/^对新引进且毕业5年内/u);
    expect(parts.join('\n')).toMatch(/依据：《[^》]+》第五条/u);
    expect(parts.at(-1)).toContain('依据：《');
    // Sentence boundaries: every part but the citations ends a sentence, quote or line.
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/[。！？；」）\p{L}\p{N}]$/u);
    const joined = parts.join('');
    // An amount question carries no how-to-apply pointer: the figures, then the citation.
    expect(joined.indexOf('本科1万元')).toBeGreaterThan(-1);
    expect(joined.indexOf('本科1万元')).toBeLessThan(joined.indexOf('依据：《'));
  });

  it('answers a message WeChat delivers twice only once, and the same text resent at once only once', async () => {
    const bot = await app.startBot();
    const talent = bot.contact();
    talent.say('人才公寓怎么申请').to(bot.user);
    await waitFor(() => bot.inbox(talent).length > 0, 'the answer');
    await bot.settle();
    const answered = bot.inbox(talent).length;
    const id = bot.lastSentId(talent);
    expect(id).toBeDefined();
    bot.puppet.emit('message', { messageId: id ?? '' });
    talent.say('人才公寓怎么申请').to(bot.user);
    await bot.settle();
    expect(bot.inbox(talent)).toHaveLength(answered);

    app.clock.advance(11_000);
    talent.say('人才公寓怎么申请').to(bot.user);
    await waitFor(() => bot.inbox(talent).length > answered, 'the answer after the window');
  });

  it('stops answering a contact who writes faster than the rate limit, saying so once', async () => {
    const bot = await app.startBot({ wechat: { ratePerMinute: 2 } });
    const talent = bot.contact();
    for (const text of ['帮助', '菜单', 'help', '功能']) talent.say(text).to(bot.user);
    await waitFor(() => bot.inbox(talent).length >= 3, 'three replies');
    await bot.settle();
    expect([...bot.inbox(talent)].sort()).toEqual([HELP_TEXT, HELP_TEXT, RATE_LIMITED_TEXT].sort());
    app.clock.advance(61_000);
    talent.say('帮助').to(bot.user);
    await waitFor(() => bot.inbox(talent).length === 4, 'an answer after a minute');
  });
});

describe('WeChat channel lifecycle', () => {
  it('keeps the QR code while waiting, and reports logout and re-login in status()', async () => {
    const bot = await app.startBot();
    expect(bot.channel.status()).toMatchObject({ loggedIn: true, logins: 1, user: { name: BOT_NAME } });
    await bot.puppet.logout('test');
    expect(bot.channel.status()).toMatchObject({ loggedIn: false, lastEvent: { type: 'logout' } });
    bot.mocker.scan('https://login.weixin.qq.com/l/Yxz==');
    await waitFor(() => bot.channel.status().qr !== undefined, 'the QR code');
    expect(bot.channel.status().qr).toMatchObject({ value: 'https://login.weixin.qq.com/l/Yxz==', status: 'Waiting', svg: expect.stringMatching(/^<svg/u) });
    bot.mocker.login(bot.user);
    await waitFor(() => bot.channel.status().loggedIn, 'the second login');
    expect(bot.channel.status()).toMatchObject({ logins: 2, lastEvent: { type: 'relogin' } });
    expect(bot.channel.status().qr).toBeUndefined();
  });
});
});
});
