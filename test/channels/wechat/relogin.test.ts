import { beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../../src/handoff/types.js';
import { useWechatApp, waitFor, type BotFixture } from './wechat-harness.js';

// A web-protocol puppet gives every contact a new id at each login: replies hours later must still arrive.
const app = useWechatApp();
let officer: Officer;

beforeAll(() => {
  app.officers.upsert({ login: 'zhou.lan', name: '周岚', team: '综合', role: 'lead', onDuty: false });
  officer = app.officers.get('zhou.lan') as Officer;
});

type Contact = ReturnType<BotFixture['contact']>;

async function handOff(bot: BotFixture, talent: Contact): Promise<{ no: number; stableId: string }> {
  talent.say('转人工').to(bot.user);
  await waitFor(() => bot.inbox(talent).some((t) => /#\d+/u.test(t)), 'the handoff answer');
  const no = Number(/#(\d+)/u.exec(bot.inbox(talent).join('\n'))?.[1]);
  const stableId = (app.db.prepare('SELECT stable_id AS id FROM wechat_identities WHERE contact_id = ?').get(talent.id) as { id: string }).id;
  return { no, stableId };
}

/** The officer answers from the console (claim + reply), as hours later after the bot logged in again. */
function consoleReply(no: number, text: string): void {
  if (app.tickets.get(no)?.ticket.state === 'queued') app.tickets.claim(no, officer);
  app.tickets.reply(no, officer, text);
}

describe('WeChat channel: re-login with new contact ids', () => {
  it('finds the talent again by the alias tag it wrote, and the conversation continues', async () => {
    const first = await app.startBot();
    const talent = first.contact('王小明');
    const { no, stableId } = await handOff(first, talent);
    expect(talent.payload.alias).toBe(`王小明 qxz-${stableId}`);
    await first.channel.stop();

    const second = await app.startBot();
    second.contact('王小明'); // the same nickname, someone else
    const again = second.contact('王小明', { alias: talent.payload.alias });
    expect(again.id).not.toBe(talent.id);
    consoleReply(no, '您好，材料已收到，正在审核。');
    await waitFor(() => second.inbox(again).length > 0, 'the reply after re-login');
    expect(second.inbox(again)).toEqual([`【助才专员回复 · 工单 #${no}】\n您好，材料已收到，正在审核。`]);
    expect(app.db.prepare('SELECT contact_id AS id FROM wechat_identities WHERE stable_id = ?').get(stableId)).toEqual({ id: again.id });

    // Writing from the new id is the same conversation: the open ticket still has it.
    again.say('谢谢，请问大概多久？').to(second.user);
    await waitFor(() => second.inbox(again).length > 1, 'the answer in the continued conversation');
    expect(second.inbox(again).at(-1)).toContain(`#${no}`);
    expect(app.tickets.get(no)?.events.some((e) => e.type === 'person_message')).toBe(true);
  });

  it('without an alias the puppet keeps, falls back to the one contact with the last known name', async () => {
    const first = await app.startBot({ keepsAlias: false });
    const talent = first.contact('林一帆');
    const { no } = await handOff(first, talent);
    await first.channel.stop();

    const second = await app.startBot({ keepsAlias: false });
    second.contact('陈二');
    const again = second.contact('林一帆');
    consoleReply(no, '您好，请问您是哪一年毕业的？');
    await waitFor(() => second.inbox(again).length > 0, 'the reply routed by name');
    expect(second.inbox(again)[0]).toContain('哪一年毕业');
  });

  it('when nobody matches, delivery fails, is retried and finally flags the ticket', async () => {
    const first = await app.startBot();
    const talent = first.contact('赵无踪');
    const { no } = await handOff(first, talent);
    await first.channel.stop();

    const second = await app.startBot();
    second.contact('别人');
    consoleReply(no, '您好，这条消息送不到。');
    const attempts = (): number => (app.db.prepare('SELECT attempts FROM outbox WHERE ticket_no = ?').get(no) as { attempts: number }).attempts;
    await waitFor(() => attempts() >= 1, 'the first attempt');
    while (!app.tickets.get(no)?.ticket.deliveryFailed) {
      expect(attempts()).toBeLessThan(3);
      app.clock.advance(20_000);
      await app.delivery.tick();
    }
    const failed = app.tickets.get(no)?.events.find((e) => e.type === 'delivery_failed');
    expect(String(failed?.data['error'])).toContain('赵无踪');
    expect(second.inbox(talent)).toEqual([]);
  });
});
