import { beforeEach, describe, expect, it } from 'vitest';
import { bootstrapOfficer, firstOfficerCommand } from '../../src/handoff/first-officer.js';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { verifyPassword } from '../../src/handoff/passwords.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { recordingLogger, useHandoffStores } from './handoff-fixture.js';

describe.each(STORE_BACKENDS)('the first officer on $name', ({ name, skip }) => {
  const stores = useHandoffStores(name);
  beforeEach(({ skip: skipTest }) => {
    if (skip) skipTest();
  });
  const repo = async () => createOfficerRepo((await stores.create()).db);

  it('the start-up command names the first seeded lead with their team', async () => {
    const officers = await repo();
    expect(await firstOfficerCommand(officers)).toBe('npm run officer -- add zhou.lan --team 综合 --lead');
    await officers.seed({ login: 'li.na', name: '李娜', team: '补贴兑现', role: 'officer', maxOpen: 10 });
    await officers.seed({ login: 'wu.lei', name: '吴磊', team: '安居落户', role: 'lead', maxOpen: 10 });
    expect(await firstOfficerCommand(officers)).toBe('npm run officer -- add wu.lei --team 安居落户 --lead');
  });

  it('bootstraps a lead (keeping the seeded name) only while nobody can log in, and never logs the password', async () => {
    const officers = await repo();
    const logger = recordingLogger();
    await officers.seed({ login: 'zhou.lan', name: '周岚', team: '综合', role: 'lead', maxOpen: 15 });
    expect(await bootstrapOfficer(officers, { login: 'zhou.lan', password: 'first-password', team: '综合' }, logger)).toBe(true);
    expect(await officers.get('zhou.lan')).toMatchObject({ name: '周岚', role: 'lead', onDuty: false });
    expect(await verifyPassword('first-password', (await officers.credentials('zhou.lan'))?.hash ?? '')).toBe(true);
    // A restart with the variables still set changes nothing: the password may have been changed since.
    expect(await bootstrapOfficer(officers, { login: 'zhou.lan', password: 'other-password', team: '综合' }, logger)).toBe(false);
    expect(await verifyPassword('first-password', (await officers.credentials('zhou.lan'))?.hash ?? '')).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toMatch(/first-password|other-password/u);
    expect(await bootstrapOfficer(officers, undefined, logger)).toBe(false);
  });
});
