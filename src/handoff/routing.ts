import type { HandoffReason, Intent } from '../core/types.js';
import type { Officer, Priority, Team } from './types.js';

// Articles of 人才新政25条 by the team that handles them; guides follow the article they implement.
const TEAM_BY_ARTICLE: Record<number, Team> = {
  2: '人才认定', 8: '人才认定', 19: '人才认定', 3: '项目申报', 11: '项目申报', 12: '项目申报',
  4: '补贴兑现', 5: '补贴兑现', 6: '补贴兑现', 10: '补贴兑现', 13: '补贴兑现', 14: '补贴兑现', 15: '补贴兑现', 16: '补贴兑现', 17: '补贴兑现', 18: '补贴兑现',
  7: '安居落户', 20: '安居落户', 21: '安居落户', 22: '安居落户', 23: '安居落户', 9: '海外人才',
};
const GUIDE_ARTICLE: Record<string, number> = { g01: 2, g02: 5, g03: 6, g04: 4, g05: 19, g06: 22, g07: 9, g08: 7, g09: 20, g10: 13, g11: 11, g12: 8 };

/**
 * The team for a case: from the first article (or guide) of the current policy the bot found, else
 * 综合. The superseded 21条 numbers its articles differently, so its keys are skipped.
 */
export function teamFor(keys: readonly string[], reason: HandoffReason): Team {
  if (reason === 'complaint') return '综合';
  for (const key of keys) {
    const article = /^qt25-(\d+)$/u.exec(key);
    const guide = /^(g\d+)/u.exec(key)?.[1];
    const n = article ? Number(article[1]) : guide ? GUIDE_ARTICLE[guide] : undefined;
    const team = n === undefined ? undefined : TEAM_BY_ARTICLE[n];
    if (team) return team;
  }
  return '综合';
}

/** Priority by reason: a complaint or a person the bot failed twice comes first. */
export function priorityFor(reason: HandoffReason, intent: Intent): Priority {
  if (reason === 'complaint' || reason === 'repeated_dissatisfaction' || intent === 'complaint') return 'high';
  return 'normal';
}

/**
 * Round robin within a team among officers on duty with room under their cap: the officer after the
 * one who got the last ticket, skipping the full ones. Undefined when nobody can take it (it queues).
 */
export function pickOfficer(team: Team, officers: readonly Officer[], openCount: (login: string) => number, lastAssigned: string | undefined): Officer | undefined {
  // One ordering for sorting and for "the one after": plain code-unit order (localeCompare disagrees with > on _ and digits).
  const candidates = officers.filter((o) => o.team === team && o.onDuty).sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
  if (candidates.length === 0) return undefined;
  const start = lastAssigned ? candidates.findIndex((o) => o.login > lastAssigned) : 0;
  for (let i = 0; i < candidates.length; i++) {
    const o = candidates[((start < 0 ? 0 : start) + i) % candidates.length];
    if (o && openCount(o.login) < o.maxOpen) return o;
  }
  return undefined;
}
