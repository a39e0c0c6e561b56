import { describe, expect, it } from 'vitest';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { useTempDb } from './handoff-fixture.js';

const temp = useTempDb();

async function repo() {
  const db = temp.open(await temp.dir());
  return { db, officers: createOfficerRepo(db) };
}

describe('officer repo', () => {
  it('creates an officer with defaults: off duty (until they log in and switch 在岗 on), at most 10 open tickets, no WeChat', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    expect(officers.get('ana')).toEqual({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: false, maxOpen: 10 });
    expect(officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-1', failed: 0, lockedUntil: null });
    expect(officers.get('nobody')).toBeUndefined();
    expect(officers.credentials('nobody')).toBeUndefined();
  });

  it('upsert without a password keeps the stored one (and the failed-login count and lock)', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    officers.recordFailure('ana', '2025-06-10T02:15:00.000Z');
    officers.upsert({ login: 'ana', name: '安娜娜', team: '人才认定', role: 'lead', onDuty: false, maxOpen: 3 });
    expect(officers.get('ana')).toEqual({ login: 'ana', name: '安娜娜', team: '人才认定', role: 'lead', onDuty: false, maxOpen: 3 });
    expect(officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-1', failed: 1, lockedUntil: '2025-06-10T02:15:00.000Z' });
  });

  it('upsert with a new password replaces it and clears the failures and the lock', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    officers.recordFailure('ana', '2025-06-10T02:15:00.000Z');
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-2');
    expect(officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-2', failed: 0, lockedUntil: null });
  });

  it('upsert keeps a linked WeChat id when none is given', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', wechatId: 'wx_ana' });
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    expect(officers.get('ana')?.wechatId).toBe('wx_ana');
  });

  it('recordFailure counts and locks; a null lock keeps the current one; recordSuccess clears both', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    officers.recordFailure('ana', null);
    officers.recordFailure('ana', null);
    expect(officers.credentials('ana')).toMatchObject({ failed: 2, lockedUntil: null });
    officers.recordFailure('ana', '2025-06-10T02:15:00.000Z');
    officers.recordFailure('ana', null);
    expect(officers.credentials('ana')).toMatchObject({ failed: 4, lockedUntil: '2025-06-10T02:15:00.000Z' });
    officers.recordSuccess('ana');
    expect(officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-1', failed: 0, lockedUntil: null });
  });

  it('byWechat finds the linked officer; unlinking removes the link', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer' });
    expect(officers.byWechat('wx_1')).toBeUndefined();
    officers.linkWechat('bo', 'wx_1');
    expect(officers.byWechat('wx_1')).toMatchObject({ login: 'bo', wechatId: 'wx_1' });
    officers.linkWechat('bo', null);
    expect(officers.byWechat('wx_1')).toBeUndefined();
    expect(officers.get('bo')?.wechatId).toBeUndefined();
  });

  it('lists officers by login, counts only those with a password, and sets duty', async () => {
    const { officers } = await repo();
    officers.upsert({ login: 'cai', name: '蔡明', team: '人才认定', role: 'officer' }, 'scrypt$h');
    officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer' }, 'scrypt$h');
    expect(officers.all().map((o) => o.login)).toEqual(['ana', 'bo', 'cai']);
    expect(officers.count()).toBe(2);
    officers.setOnDuty('bo', false);
    expect(officers.get('bo')?.onDuty).toBe(false);
    officers.setOnDuty('bo', true);
    expect(officers.get('bo')?.onDuty).toBe(true);
  });

  it('refuses a role other than officer or lead', async () => {
    const { officers } = await repo();
    expect(() => officers.upsert({ login: 'x', name: 'x', team: '综合', role: 'admin' as 'lead' })).toThrow(/CHECK constraint/u);
  });
});
