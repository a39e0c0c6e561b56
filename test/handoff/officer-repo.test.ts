import { beforeEach, describe, expect, it } from 'vitest';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { useHandoffStores } from './handoff-fixture.js';

describe.each(STORE_BACKENDS)('officer repo on $name', ({ name, skip }) => {
const stores = useHandoffStores(name);
beforeEach(({ skip: skipTest }) => {
  if (skip) skipTest();
});

async function repo() {
  const { db } = await stores.create();
  return { db, officers: createOfficerRepo(db) };
}

  it('creates an officer with defaults: off duty (until they log in and switch 在岗 on), at most 10 open tickets, no WeChat', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    expect(await officers.get('ana')).toEqual({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: false, maxOpen: 10 });
    expect(await officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-1', failed: 0, lockedUntil: null });
    expect(await officers.get('nobody')).toBeUndefined();
    expect(await officers.credentials('nobody')).toBeUndefined();
  });

  it('upsert without a password keeps the stored one (and the failed-login count and lock)', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    await officers.recordFailure('ana', '2025-06-10T02:15:00.000Z');
    await officers.upsert({ login: 'ana', name: '安娜娜', team: '人才认定', role: 'lead', onDuty: false, maxOpen: 3 });
    expect(await officers.get('ana')).toEqual({ login: 'ana', name: '安娜娜', team: '人才认定', role: 'lead', onDuty: false, maxOpen: 3 });
    expect(await officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-1', failed: 1, lockedUntil: '2025-06-10T02:15:00.000Z' });
  });

  it('upsert with a new password replaces it and clears the failures and the lock', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    await officers.recordFailure('ana', '2025-06-10T02:15:00.000Z');
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-2');
    expect(await officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-2', failed: 0, lockedUntil: null });
  });

  it('upsert keeps a linked WeChat id when none is given', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', wechatId: 'wx_ana' });
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    expect((await officers.get('ana'))?.wechatId).toBe('wx_ana');
  });

  it('recordFailure counts and locks; a null lock keeps the current one; recordSuccess clears both', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' }, 'scrypt$hash-1');
    await officers.recordFailure('ana', null);
    await officers.recordFailure('ana', null);
    expect(await officers.credentials('ana')).toMatchObject({ failed: 2, lockedUntil: null });
    await officers.recordFailure('ana', '2025-06-10T02:15:00.000Z');
    await officers.recordFailure('ana', null);
    expect(await officers.credentials('ana')).toMatchObject({ failed: 4, lockedUntil: '2025-06-10T02:15:00.000Z' });
    await officers.recordSuccess('ana');
    expect(await officers.credentials('ana')).toEqual({ hash: 'scrypt$hash-1', failed: 0, lockedUntil: null });
  });

  it('byWechat finds the linked officer; unlinking removes the link', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    await officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer' });
    expect(await officers.byWechat('wx_1')).toBeUndefined();
    await officers.linkWechat('bo', 'wx_1');
    expect(await officers.byWechat('wx_1')).toMatchObject({ login: 'bo', wechatId: 'wx_1' });
    await officers.linkWechat('bo', null);
    expect(await officers.byWechat('wx_1')).toBeUndefined();
    expect((await officers.get('bo'))?.wechatId).toBeUndefined();
  });

  it('lists officers by login, counts only those with a password, and sets duty', async () => {
    const { officers } = await repo();
    await officers.upsert({ login: 'cai', name: '蔡明', team: '人才认定', role: 'officer' }, 'scrypt$h');
    await officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer' });
    await officers.upsert({ login: 'bo', name: '博文', team: '补贴兑现', role: 'officer' }, 'scrypt$h');
    expect((await officers.all()).map((o) => o.login)).toEqual(['ana', 'bo', 'cai']);
    expect(await officers.count()).toBe(2);
    await officers.setOnDuty('bo', false);
    expect((await officers.get('bo'))?.onDuty).toBe(false);
    await officers.setOnDuty('bo', true);
    expect((await officers.get('bo'))?.onDuty).toBe(true);
  });

  it('refuses a role other than officer or lead', async () => {
    const { officers } = await repo();
    await expect(officers.upsert({ login: 'x', name: 'x', team: '综合', role: 'admin' as 'lead' })).rejects.toThrow(/check constraint/iu);
  });
});
