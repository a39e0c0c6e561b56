import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import type { OfficerRepo } from '../../handoff/officer-repo.js';
import type { Officer } from '../../handoff/types.js';

/** Linking an officer account to a WeChat person (their stable id), from the officers' room. */
export interface OfficerLinks {
  /** "绑定 <login> <code>" links at once with a code from `npm run officer -- wechat-code`; without one it waits for a lead. */
  request(login: string, stableId: string, name: string, code?: string): Promise<string>;
  /** "确认绑定 <login>" from a linked lead. */
  confirm(login: string, confirmer: Officer | undefined): Promise<string>;
  /** "解绑" from a linked officer. */
  unlink(officer: Officer | undefined): Promise<string>;
}

const TTL_MS = 30 * 60_000;

/**
 * Membership of the officers' room is not proof of who somebody is. A link is made either with a
 * one-time code the officer got from the CLI (`npm run officer -- wechat-code <login>`, which only
 * someone with server access can run), or on the confirmation of a lead who is already linked.
 */
export function createOfficerLinks(deps: { officers: OfficerRepo; clock: Clock; logger: Logger }): OfficerLinks {
  const { officers, clock, logger } = deps;
  // Keyed by login and requester: a second request must not replace the one a lead is about to confirm.
  const pending = new Map<string, Map<string, { name: string; at: number }>>();
  const label = (o: Officer): string => `${o.name}（${o.login}${o.role === 'lead' ? '，组长' : `，${o.team}`}）`;

  const link = async (officer: Officer, stableId: string): Promise<void> => {
    // One WeChat person speaks for one officer account.
    for (const other of await officers.all()) if (other.wechatId === stableId && other.login !== officer.login) await officers.linkWechat(other.login, null);
    await officers.linkWechat(officer.login, stableId);
  };

  return {
    async request(login, stableId, name, code) {
      const officer = await officers.get(login);
      if (!officer) return `没有登录名为“${login}”的助才专员账号，请核对后重试。`;
      if (officer.wechatId === stableId) return `您的微信已绑定到 ${label(officer)}。`;
      if (code !== undefined) {
        if (!(await officers.takeLinkCode(login, code, clock.now().toISOString()))) {
          logger.warn('wechat officer link refused: bad or expired code', { login, stableId });
          return '绑定码无效或已过期。请在服务器上运行 npm run officer -- wechat-code 登录名 获取新的绑定码。';
        }
        await link(officer, stableId);
        logger.info('wechat officer linked with a code', { login, stableId });
        return `已将您的微信绑定到 ${label(officer)}，现在可以用“#工单号 内容”处理工单了。`;
      }
      const forLogin = pending.get(login) ?? new Map<string, { name: string; at: number }>();
      forLogin.set(stableId, { name, at: clock.now().getTime() });
      pending.set(login, forLogin);
      logger.info('wechat officer link requested', { login, stableId });
      return `已收到“${name}”绑定 ${label(officer)} 的申请。请已绑定的组长在 30 分钟内发送：确认绑定 ${login}（或由本人用绑定码绑定：绑定 ${login} 绑定码）`;
    },

    async confirm(login, confirmer) {
      if (!confirmer || confirmer.role !== 'lead') return '只有已绑定微信的组长可以确认绑定申请。';
      const now = clock.now().getTime();
      const requests = [...(pending.get(login) ?? new Map<string, { name: string; at: number }>())].filter(([, r]) => now - r.at <= TTL_MS);
      if (requests.length === 0) {
        pending.delete(login);
        return `没有待确认的“${login}”绑定申请（申请 30 分钟内有效）。`;
      }
      if (requests.length > 1) {
        pending.delete(login);
        logger.warn('wechat officer link: several requests for one login, all dropped', { login, requesters: requests.map(([, r]) => r.name) });
        return `“${login}”有 ${requests.length} 个不同的绑定申请（${requests.map(([, r]) => r.name).join('、')}），为安全起见已全部作废。请本人使用绑定码绑定。`;
      }
      const [[stableId, request]] = requests as [[string, { name: string; at: number }]];
      const officer = await officers.get(login);
      if (!officer) return `没有登录名为“${login}”的助才专员账号。`;
      await link(officer, stableId);
      pending.delete(login);
      logger.info('wechat officer linked', { login, stableId, confirmedBy: confirmer.login });
      return `已确认：“${request.name}”的微信已绑定到 ${label(officer)}，现在可以用“#工单号 内容”处理工单了。`;
    },

    async unlink(officer) {
      if (!officer) return '您的微信还没有绑定任何助才专员账号。';
      await officers.linkWechat(officer.login, null);
      logger.info('wechat officer unlinked', { login: officer.login });
      return `已解除 ${label(officer)} 的微信绑定。`;
    },
  };
}
