import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_OFFICER_TEXT } from '../../../src/channels/wechat/strings.js';
import type { Officer } from '../../../src/handoff/types.js';
import { STORE_BACKENDS } from '../../helpers/store-backends.js';
import { ROOM_TOPIC, useWechatApp, waitFor, type BotFixture } from './wechat-harness.js';

describe.each(STORE_BACKENDS)('WeChat officers on $name', ({ name, skip }) => {
describe.skipIf(skip)(`store ${name}`, () => {
const app = useWechatApp(name);

let consoleOfficer: Officer;

beforeAll(async () => {
  await app.officers.upsert({ login: 'zhou.lan', name: '周岚', team: '综合', role: 'lead', onDuty: false });
  await app.officers.upsert({ login: 'wu.lei', name: '吴磊', team: '综合', role: 'lead', onDuty: false });
  await app.officers.upsert({ login: 'zhang.wei', name: '张伟', team: '补贴兑现', role: 'officer', onDuty: false });
  consoleOfficer = (await app.officers.get('zhou.lan')) as Officer;
});

type Contact = ReturnType<BotFixture['contact']>;

/** A one-time link code, as `npm run officer -- wechat-code <login>` issues it. */
async function issueCode(login: string): Promise<string> {
  const code = String(100000 + Math.floor(Math.random() * 900000));
  await app.officers.issueLinkCode(login, code, new Date(app.clock.now().getTime() + 30 * 60_000).toISOString());
  return code;
}

/** A bot with the officers' room (lead, officer, a stranger) and a talent; no officer linked yet. */
async function setup(): Promise<{ bot: BotFixture; lead: Contact; officer: Contact; stranger: Contact; room: ReturnType<BotFixture['room']>; talent: Contact }> {
  await app.db.run('UPDATE officers SET wechat_id = NULL');
  const bot = await app.startBot();
  const lead = bot.contact('周岚');
  const officer = bot.contact('张伟');
  const stranger = bot.contact('路人甲');
  const room = bot.room(ROOM_TOPIC, [lead, officer, stranger]);
  return { bot, lead, officer, stranger, room, talent: bot.contact() };
}

/** The talent asks for a person; returns the ticket number from the bot's answer. */
async function handOff(bot: BotFixture, talent: Contact): Promise<number> {
  talent.say('转人工').to(bot.user);
  await waitFor(() => bot.inbox(talent).some((t) => /#\d+/u.test(t)), 'the handoff answer');
  return Number(/#(\d+)/u.exec(bot.inbox(talent).join('\n'))?.[1]);
}

/** Says something in the room and waits for the bot's next room message. */
async function sayInRoom(bot: BotFixture, room: ReturnType<BotFixture['room']>, who: Contact, text: string): Promise<string> {
  const before = bot.roomLog(room).length;
  who.say(text).to(room);
  await waitFor(() => bot.roomLog(room).length > before, `the room's answer to "${text}"`);
  return bot.roomLog(room).slice(before).join('\n');
}

const linkedAs = async (login: string): Promise<string | undefined> => (await app.officers.get(login))?.wechatId;
const stableIdOf = async (contact: Contact): Promise<string> => (await app.db.get<{ id: string }>('SELECT stable_id AS id FROM wechat_identities WHERE contact_id = ?', [contact.id]))!.id;
/** A ticket's events, as the console reads them. */
const eventsOf = async (no: number): Promise<{ type: string; data: Record<string, unknown> }[]> => (await app.tickets.get(no))?.events ?? [];

/** handOff, with the talent's stable id. */
async function handOffWithId(bot: BotFixture, talent: Contact): Promise<{ no: number; stableId: string }> {
  const no = await handOff(bot, talent);
  return { no, stableId: await stableIdOf(talent) };
}

/** The officer answers from the console (claim + reply), as hours later after the bot logged in again. */
async function consoleReply(no: number, text: string): Promise<void> {
  if ((await app.tickets.get(no))?.ticket.state === 'queued') await app.tickets.claim(no, consoleOfficer);
  await app.tickets.reply(no, consoleOfficer, text);
}

describe('WeChat channel: officers', () => {
  it('转人工 opens a wechat ticket and posts a notice in the officers\' room', async () => {
    const { bot, room, talent } = await setup();
    const no = await handOff(bot, talent);
    await waitFor(() => bot.roomLog(room).some((t) => t.includes(`#${no}】`)), 'the room notice');
    const ticket = (await app.tickets.get(no))?.ticket;
    const stableId = await stableIdOf(talent);
    expect(ticket).toMatchObject({ channel: 'wechat', conversationId: `wechat:${stableId}`, channelUserId: stableId, state: 'queued' });
    const notice = bot.roomLog(room).find((t) => t.includes(`#${no}】`)) ?? '';
    expect(notice).toContain(`【新工单 #${no}】${ticket?.team} · 优先级：普通`);
    expect(notice).toContain('来源：微信 · 原因：对方要求人工');
    expect(notice).toContain('摘要：转人工');
    expect(notice).toContain(`控制台：http://127.0.0.1:3000/console#/tickets/${no}`);
    expect(notice).toContain(`#${no} 认领`);
    // Nobody of the team is on duty: the room is told who hands it out.
    expect(notice).toContain('处理人：待认领（本组暂无在岗专员，请组长 吴磊、周岚 安排）');
  });

  it('posts a notice when an overdue ticket is escalated', async () => {
    const { bot, room, talent } = await setup();
    const no = await handOff(bot, talent);
    await waitFor(() => bot.roomLog(room).length > 0, 'the first notice');
    app.clock.advance(5 * 24 * 3600_000);
    expect((await app.tickets.escalateOverdue()).map((t) => t.no)).toContain(no);
    await waitFor(() => bot.roomLog(room).some((t) => t.includes(`【超时升级 #${no}】`)), 'the escalation notice');
  });

  it('links officers from the room: with a one-time code at once, otherwise when a linked lead confirms', async () => {
    const { bot, room, lead, officer, stranger } = await setup();
    expect(await sayInRoom(bot, room, officer, '确认绑定 zhang.wei')).toContain('只有已绑定微信的组长');
    // Being in the room proves nothing: without a code even the first lead is only a request.
    expect(await sayInRoom(bot, room, stranger, '绑定 zhou.lan')).toContain('申请');
    expect(await linkedAs('zhou.lan')).toBeUndefined();
    expect(await sayInRoom(bot, room, stranger, '绑定 zhou.lan 000000')).toContain('绑定码无效');
    expect(await linkedAs('zhou.lan')).toBeUndefined();
    expect(await sayInRoom(bot, room, lead, `绑定 zhou.lan ${await issueCode('zhou.lan')}`)).toContain('已将您的微信绑定到 周岚');
    expect(await linkedAs('zhou.lan')).toBe(await stableIdOf(lead));

    expect(await sayInRoom(bot, room, officer, '绑定 zhang.wei')).toContain('确认绑定 zhang.wei');
    expect(await linkedAs('zhang.wei')).toBeUndefined();
    expect(await sayInRoom(bot, room, lead, '确认绑定 zhang.wei')).toContain('已确认');
    expect(await linkedAs('zhang.wei')).toBe(await stableIdOf(officer));

    expect(await sayInRoom(bot, room, officer, '解绑')).toContain('已解除');
    expect(await linkedAs('zhang.wei')).toBeUndefined();
  });

  it('"#N 内容" from a linked officer reaches the talent through the outbox; from anyone else it is refused', async () => {
    const { bot, room, lead, stranger, talent } = await setup();
    const no = await handOff(bot, talent);
    await waitFor(() => bot.roomLog(room).length > 0, 'the notice');

    expect(await sayInRoom(bot, room, stranger, `#${no} 我来回答`)).toContain(NOT_OFFICER_TEXT);
    expect((await app.tickets.get(no))?.ticket.state).toBe('queued');

    await sayInRoom(bot, room, lead, `绑定 zhou.lan ${await issueCode('zhou.lan')}`);
    expect(await sayInRoom(bot, room, lead, `#${no} 您好，请提供近6个月的社保缴纳证明。`)).toContain(`已认领并回复工单 #${no}`);
    await waitFor(() => bot.inbox(talent).some((t) => t.includes('社保缴纳证明')), 'the officer reply in the talent\'s chat');
    expect(bot.inbox(talent).at(-1)).toBe(`【助才专员回复 · 工单 #${no}】\n您好，请提供近6个月的社保缴纳证明。`);
    const { ticket, events } = (await app.tickets.get(no)) ?? { ticket: undefined, events: [] };
    expect(ticket).toMatchObject({ state: 'waiting_user', assignee: 'zhou.lan' });
    await waitFor(async () => (await eventsOf(no)).some((e) => e.type === 'delivered'), 'the delivered event');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['claimed', 'replied']));
    // The console's transcript shows the reply too.
    expect((await app.store.messages(`wechat:${await stableIdOf(talent)}`)).map((m) => m.role)).toContain('officer');
  });

  it('"#N 认领" claims; a claim that lost the race is reported as a conflict', async () => {
    const { bot, room, lead, talent } = await setup();
    const no = await handOff(bot, talent);
    const other = await handOff(bot, bot.contact());
    await sayInRoom(bot, room, lead, `绑定 zhou.lan ${await issueCode('zhou.lan')}`);
    expect(await sayInRoom(bot, room, lead, `#${no} 认领`)).toContain(`已认领工单 #${no}`);
    expect((await app.tickets.get(no))?.ticket.assignee).toBe('zhou.lan');

    // Another lead took the other ticket in the console a moment earlier.
    await app.tickets.claim(other, (await app.officers.get('wu.lei')) as Officer);
    expect(await sayInRoom(bot, room, lead, `#${other} 认领`)).toContain('冲突');
    expect((await app.tickets.get(other))?.ticket.assignee).toBe('wu.lei');
    expect(await sayInRoom(bot, room, lead, '#99999 认领')).toContain('没有工单 #99999');
  });

  it('a reply sent from the console reaches the talent in WeChat', async () => {
    const { bot, talent } = await setup();
    const no = await handOff(bot, talent);
    const lead = (await app.officers.get('wu.lei')) as Officer;
    await app.tickets.claim(no, lead);
    await app.tickets.reply(no, lead, '您好，您的情况可以申请生活补贴，请准备学历证明。');
    await waitFor(() => bot.inbox(talent).some((t) => t.includes('请准备学历证明')), 'the console reply');
    expect(bot.inbox(talent).at(-1)).toBe(`【助才专员回复 · 工单 #${no}】\n您好，您的情况可以申请生活补贴，请准备学历证明。`);

    // While the ticket is open, what the talent writes goes to the officer; the officer has answered,
    // so the bot only acknowledges briefly (once an hour), without the reply-time notice again.
    talent.say('好的，我明天发给您').to(bot.user);
    await waitFor(async () => (await eventsOf(no)).some((e) => e.type === 'person_message'), 'the person_message event');
    await waitFor(() => bot.inbox(talent).at(-1) === '已转达给专员。', 'the acknowledgement');
    const count = bot.inbox(talent).length;
    talent.say('对了，还有一个问题').to(bot.user);
    await waitFor(async () => (await eventsOf(no)).filter((e) => e.type === 'person_message').length === 2, 'the second person_message event');
    talent.say('补充：我是2024年毕业').to(bot.user);
    await waitFor(async () => (await eventsOf(no)).filter((e) => e.type === 'person_message').length === 3, 'the third person_message event');
    expect(bot.inbox(talent)).toHaveLength(count);
  });
});

// A web-protocol puppet gives every contact a new id at each login: replies hours later must still arrive.
describe('WeChat channel: re-login with new contact ids', () => {
  it('finds the talent again by the alias tag it wrote, and the conversation continues', async () => {
    const first = await app.startBot();
    const talent = first.contact('王小明');
    const { no, stableId } = await handOffWithId(first, talent);
    expect(talent.payload.alias).toBe(`王小明 qxz-${stableId}`);
    await first.channel.stop();

    const second = await app.startBot();
    second.contact('王小明'); // the same nickname, someone else
    const again = second.contact('王小明', { alias: talent.payload.alias });
    expect(again.id).not.toBe(talent.id);
    await consoleReply(no, '您好，材料已收到，正在审核。');
    await waitFor(() => second.inbox(again).length > 0, 'the reply after re-login');
    expect(second.inbox(again)).toEqual([`【助才专员回复 · 工单 #${no}】\n您好，材料已收到，正在审核。`]);
    expect(await app.db.get('SELECT contact_id AS id FROM wechat_identities WHERE stable_id = ?', [stableId])).toEqual({ id: again.id });

    // Writing from the new id is the same conversation: the open ticket still has it.
    again.say('谢谢，请问大概多久？').to(second.user);
    await waitFor(() => second.inbox(again).length > 1, 'the answer in the continued conversation');
    expect(second.inbox(again).at(-1)).toBe('已转达给专员。');
    expect((await eventsOf(no)).some((e) => e.type === 'person_message')).toBe(true);
  });

  it('without an alias the puppet keeps, falls back to the one contact with the last known name', async () => {
    const first = await app.startBot({ keepsAlias: false });
    const talent = first.contact('林一帆');
    const { no } = await handOffWithId(first, talent);
    await first.channel.stop();

    const second = await app.startBot({ keepsAlias: false });
    second.contact('陈二');
    const again = second.contact('林一帆');
    await consoleReply(no, '您好，请问您是哪一年毕业的？');
    await waitFor(() => second.inbox(again).length > 0, 'the reply routed by name');
    expect(second.inbox(again)[0]).toContain('哪一年毕业');
  });

  it('when nobody matches, delivery fails, is retried and finally flags the ticket', async () => {
    const first = await app.startBot();
    const talent = first.contact('赵无踪');
    const { no } = await handOffWithId(first, talent);
    await first.channel.stop();

    const second = await app.startBot();
    second.contact('别人');
    await consoleReply(no, '您好，这条消息送不到。');
    const attempts = async (): Promise<number> => (await app.db.get<{ attempts: number }>('SELECT attempts FROM outbox WHERE ticket_no = ?', [no]))!.attempts;
    await waitFor(async () => (await attempts()) >= 1, 'the first attempt');
    while (!(await app.tickets.get(no))?.ticket.deliveryFailed) {
      expect(await attempts()).toBeLessThan(3);
      app.clock.advance(20_000);
      await app.delivery.tick();
    }
    const failed = (await eventsOf(no)).find((e) => e.type === 'delivery_failed');
    expect(String(failed?.data['error'])).toContain('赵无踪');
    expect(second.inbox(talent)).toEqual([]);
  });
});
});
});
