import { describe, expect, it } from 'vitest';
import type { HandoffReason, Intent } from '../../src/core/types.js';
import { pickOfficer, priorityFor, teamFor } from '../../src/handoff/routing.js';
import type { Officer, Team } from '../../src/handoff/types.js';

describe('teamFor', () => {
  const ARTICLES: [number, Team][] = [
    [2, '人才认定'], [8, '人才认定'], [19, '人才认定'],
    [3, '项目申报'], [11, '项目申报'], [12, '项目申报'],
    [4, '补贴兑现'], [5, '补贴兑现'], [6, '补贴兑现'], [10, '补贴兑现'], [13, '补贴兑现'], [14, '补贴兑现'],
    [15, '补贴兑现'], [16, '补贴兑现'], [17, '补贴兑现'], [18, '补贴兑现'],
    [7, '安居落户'], [20, '安居落户'], [21, '安居落户'], [22, '安居落户'], [23, '安居落户'],
    [9, '海外人才'],
  ];

  it.each(ARTICLES)('qt25-%i → %s', (n, team) => {
    expect(teamFor([`qt25-${n}`], 'user_request')).toBe(team);
  });

  const GUIDES: [string, Team][] = [
    ['g01', '人才认定'], ['g02', '补贴兑现'], ['g03', '补贴兑现'], ['g04', '补贴兑现'], ['g05', '人才认定'], ['g06', '安居落户'],
    ['g07', '海外人才'], ['g08', '安居落户'], ['g09', '安居落户'], ['g10', '补贴兑现'], ['g11', '项目申报'], ['g12', '人才认定'],
  ];

  it.each(GUIDES)('guide %s (and its sections) → %s', (guide, team) => {
    expect(teamFor([guide], 'low_confidence')).toBe(team);
    expect(teamFor([`${guide}-3`], 'low_confidence')).toBe(team);
  });

  it('uses the first key that maps to a team', () => {
    expect(teamFor(['qt25-7', 'qt25-5'], 'user_request')).toBe('安居落户');
    expect(teamFor(['g07-1', 'qt25-5'], 'user_request')).toBe('海外人才');
  });

  it('skips keys of the superseded 21条 (their numbers mean other articles)', () => {
    expect(teamFor(['qt21-5'], 'user_request')).toBe('综合');
    expect(teamFor(['qt21-9', 'qt21-2', 'qt25-9'], 'user_request')).toBe('海外人才');
    expect(teamFor(['qt21-7', 'qt25-2'], 'user_request')).toBe('人才认定');
  });

  it('skips unmapped articles, unknown guides and other keys', () => {
    expect(teamFor(['qt25-1', 'qt25-24', 'qt25-25'], 'user_request')).toBe('综合');
    expect(teamFor(['g13-1', 'g99', 'qt25-4'], 'user_request')).toBe('补贴兑现');
    expect(teamFor(['faq-12', 'qt25-5-2', 'xg01', 'g1'], 'user_request')).toBe('综合');
  });

  it('a complaint goes to 综合 whatever was found', () => {
    expect(teamFor(['qt25-5'], 'complaint')).toBe('综合');
    expect(teamFor(['g07'], 'complaint')).toBe('综合');
  });

  it('nothing found → 综合', () => {
    expect(teamFor([], 'user_request')).toBe('综合');
    expect(teamFor(['unknown'], 'own_case')).toBe('综合');
  });
});

describe('priorityFor', () => {
  it.each([
    ['complaint', 'policy_question', 'high'],
    ['repeated_dissatisfaction', 'policy_question', 'high'],
    ['user_request', 'complaint', 'high'],
    ['user_request', 'request_human', 'normal'],
    ['low_confidence', 'policy_question', 'normal'],
    ['own_case', 'own_case', 'normal'],
    ['bot_error', 'eligibility', 'normal'],
    ['individual_negotiation', 'procedure', 'normal'],
  ] as [HandoffReason, Intent, string][])('%s / %s → %s', (reason, intent, priority) => {
    expect(priorityFor(reason, intent)).toBe(priority);
  });
});

describe('pickOfficer', () => {
  const officer = (login: string, team: Team, extra: Partial<Officer> = {}): Officer => ({ login, name: login, team, role: 'officer', onDuty: true, maxOpen: 10, ...extra });
  // Given out of order on purpose: the rotation is by login.
  const subsidy = [officer('cy', '补贴兑现'), officer('ana', '补贴兑现'), officer('bo', '补贴兑现')];
  const others = [officer('aaron', '人才认定'), officer('zed', '人才认定'), officer('lead', '综合', { role: 'lead' })];
  const all = [...others, ...subsidy];
  const none = (): number => 0;

  it('starts with the first login when nobody had a ticket yet', () => {
    expect(pickOfficer('补贴兑现', all, none, undefined)?.login).toBe('ana');
  });

  it('gives the officer after the last assigned one, wrapping around', () => {
    expect(pickOfficer('补贴兑现', all, none, 'ana')?.login).toBe('bo');
    expect(pickOfficer('补贴兑现', all, none, 'bo')?.login).toBe('cy');
    expect(pickOfficer('补贴兑现', all, none, 'cy')?.login).toBe('ana');
  });

  it('rotates across calls when the caller keeps lastAssigned', () => {
    const open = new Map<string, number>();
    let last: string | undefined;
    const picks: string[] = [];
    for (let i = 0; i < 7; i++) {
      const o = pickOfficer('补贴兑现', all, (l) => open.get(l) ?? 0, last);
      if (!o) throw new Error('nobody picked');
      picks.push(o.login);
      open.set(o.login, (open.get(o.login) ?? 0) + 1);
      last = o.login;
    }
    expect(picks).toEqual(['ana', 'bo', 'cy', 'ana', 'bo', 'cy', 'ana']);
  });

  // Seed logins may contain . _ - and digits; the rotation must not stick to one of them.
  it('rotates among logins with punctuation and digits too', () => {
    const list = [officer('li_na', '补贴兑现'), officer('li2', '补贴兑现'), officer('li.ming', '补贴兑现')];
    let last: string | undefined;
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const o = pickOfficer('补贴兑现', list, none, last);
      if (!o) throw new Error('nobody picked');
      picks.push(o.login);
      last = o.login;
    }
    expect(new Set(picks.slice(0, 3)).size).toBe(3);
    expect(picks.slice(3)).toEqual(picks.slice(0, 3));
  });

  it('skips officers off duty', () => {
    const list = subsidy.map((o) => (o.login === 'bo' ? { ...o, onDuty: false } : o));
    expect(pickOfficer('补贴兑现', list, none, 'ana')?.login).toBe('cy');
    // The last assigned officer went off duty: the rotation goes on after their login.
    expect(pickOfficer('补贴兑现', list, none, 'bo')?.login).toBe('cy');
  });

  it('continues after a last assigned login that is no longer listed', () => {
    expect(pickOfficer('补贴兑现', subsidy, none, 'anna')?.login).toBe('bo');
    expect(pickOfficer('补贴兑现', subsidy, none, 'zz')?.login).toBe('ana');
  });

  it('skips officers at their cap', () => {
    const counts: Record<string, number> = { ana: 0, bo: 10, cy: 3 };
    expect(pickOfficer('补贴兑现', subsidy, (l) => counts[l] ?? 0, 'ana')?.login).toBe('cy');
    const capped = subsidy.map((o) => (o.login === 'cy' ? { ...o, maxOpen: 3 } : o));
    expect(pickOfficer('补贴兑现', capped, (l) => counts[l] ?? 0, 'ana')?.login).toBe('ana');
  });

  it('is undefined when nobody fits', () => {
    expect(pickOfficer('补贴兑现', subsidy, () => 10, undefined)).toBeUndefined();
    expect(pickOfficer('补贴兑现', subsidy.map((o) => ({ ...o, onDuty: false })), none, undefined)).toBeUndefined();
    expect(pickOfficer('海外人才', all, none, undefined)).toBeUndefined();
    expect(pickOfficer('补贴兑现', [], none, undefined)).toBeUndefined();
  });

  it('never chooses an officer of another team (not even a lead)', () => {
    const offDuty = [...others, ...subsidy.map((o) => ({ ...o, onDuty: false }))];
    expect(pickOfficer('补贴兑现', offDuty, none, undefined)).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(pickOfficer('人才认定', all, none, i % 2 ? 'aaron' : undefined)?.team).toBe('人才认定');
    expect(pickOfficer('综合', all, none, undefined)?.login).toBe('lead');
  });
});
