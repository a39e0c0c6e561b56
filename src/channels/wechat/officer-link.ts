import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import type { OfficerRepo } from '../../handoff/officer-repo.js';
import type { Officer } from '../../handoff/types.js';

/** Linking an officer account to a WeChat person (their stable id), from the officers' room. */
export interface OfficerLinks {
  /** "绑定 <login>": the first lead links at once, everyone else waits for a linked lead. Returns the room's answer. */
  request(login: string, stableId: string, name: string): string;
  /** "确认绑定 <login>" from a linked lead. */
  confirm(login: string, confirmer: Officer | undefined): string;
  /** "解绑" from a linked officer. */
  unlink(officer: Officer | undefined): string;
}

const TTL_MS = 30 * 60_000;

/**
 * Anyone in the officers' room may ask to be linked, but membership of the room is not proof of who
 * somebody is: a request is only granted by a lead who is already linked ("确认绑定"). The very first
 * lead (no lead linked yet) is linked at once, so the room can bootstrap itself; that is logged.
 */
export function createOfficerLinks(deps: { officers: OfficerRepo; clock: Clock; logger: Logger }): OfficerLinks {
  const { officers, clock, logger } = deps;
  const pending = new Map<string, { stableId: string; name: string; at: number }>();
  const label = (o: Officer): string => `${o.name}（${o.login}${o.role === 'lead' ? '，组长' : `，${o.team}`}）`;

  const link = (officer: Officer, stableId: string): void => {
    // One WeChat person speaks for one officer account.
    for (const other of officers.all()) if (other.wechatId === stableId && other.login !== officer.login) officers.linkWechat(other.login, null);
    officers.linkWechat(officer.login, stableId);
  };

  return {
    request(login, stableId, name) {
      const officer = officers.get(login);
      if (!officer) return `没有登录名为“${login}”的助才专员账号，请核对后重试。`;
      if (officer.wechatId === stableId) return `您的微信已绑定到 ${label(officer)}。`;
      const leadLinked = officers.all().some((o) => o.role === 'lead' && o.wechatId !== undefined);
      if (!leadLinked && officer.role === 'lead') {
        link(officer, stableId);
        logger.warn('wechat: first lead linked from the officers\' room without confirmation', { login, stableId, wechatName: name });
        return `已将您的微信绑定到 ${label(officer)}。这是首个组长绑定；此后的绑定申请都需由已绑定的组长发送“确认绑定 登录名”确认。`;
      }
      pending.set(login, { stableId, name, at: clock.now().getTime() });
      logger.info('wechat officer link requested', { login, stableId });
      return `已收到“${name}”绑定 ${label(officer)} 的申请。请已绑定的组长在 30 分钟内发送：确认绑定 ${login}`;
    },

    confirm(login, confirmer) {
      if (!confirmer || confirmer.role !== 'lead') return '只有已绑定微信的组长可以确认绑定申请。';
      const request = pending.get(login);
      if (!request || clock.now().getTime() - request.at > TTL_MS) {
        pending.delete(login);
        return `没有待确认的“${login}”绑定申请（申请 30 分钟内有效）。`;
      }
      const officer = officers.get(login);
      if (!officer) return `没有登录名为“${login}”的助才专员账号。`;
      link(officer, request.stableId);
      pending.delete(login);
      logger.info('wechat officer linked', { login, stableId: request.stableId, confirmedBy: confirmer.login });
      return `已确认：“${request.name}”的微信已绑定到 ${label(officer)}，现在可以用“#工单号 内容”处理工单了。`;
    },

    unlink(officer) {
      if (!officer) return '您的微信还没有绑定任何助才专员账号。';
      officers.linkWechat(officer.login, null);
      logger.info('wechat officer unlinked', { login: officer.login });
      return `已解除 ${label(officer)} 的微信绑定。`;
    },
  };
}
