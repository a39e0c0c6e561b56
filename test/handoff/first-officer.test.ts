import { describe, expect, it } from 'vitest';
import { bootstrapOfficer, firstOfficerCommand } from '../../src/handoff/first-officer.js';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { verifyPassword } from '../../src/handoff/passwords.js';
import { recordingLogger, useTempDb } from './handoff-fixture.js';

describe('the first officer', () => {
  const temp = useTempDb();
  const repo = async () => createOfficerRepo(temp.open(await temp.dir()));

  it('the start-up command names the first seeded lead with their team', async () => {
    const officers = await repo();
    expect(firstOfficerCommand(officers)).toBe('npm run officer -- add zhou.lan --team 综合 --lead');
    officers.seed({ login: 'li.na', name: '李娜', team: '补贴兑现', role: 'officer', maxOpen: 10 });
    officers.seed({ login: 'wu.lei', name: '吴磊', team: '安居落户', role: 'lead', maxOpen: 10 });
    expect(firstOfficerCommand(officers)).toBe('npm run officer -- add wu.lei --team 安居落户 --lead');
  });

  it('bootstraps a lead (keeping the seeded name) only while nobody can log in, and never logs the password', async () => {
    const officers = await repo();
    const logger = recordingLogger();
    officers.seed({ login: 'zhou.lan', name: '周岚', team: '综合', role: 'lead', maxOpen: 15 });
    expect(await bootstrapOfficer(officers, { login: 'zhou.lan', password: 'first-password', team: '综合' }, logger)).toBe(true);
    expect(officers.get('zhou.lan')).toMatchObject({ name: '周岚', role: 'lead', onDuty: false });
    expect(await verifyPassword('first-password', officers.credentials('zhou.lan')?.hash ?? '')).toBe(true);
    // A restart with the variables still set changes nothing: the password may have been changed since.
    expect(await bootstrapOfficer(officers, { login: 'zhou.lan', password: 'other-password', team: '综合' }, logger)).toBe(false);
    expect(await verifyPassword('first-password', officers.credentials('zhou.lan')?.hash ?? '')).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toMatch(/first-password|other-password/u);
    expect(await bootstrapOfficer(officers, undefined, logger)).toBe(false);
  });
});
