import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { seedOfficers } from '../../src/handoff/load-officers.js';
import { createOfficerRepo } from '../../src/handoff/officer-repo.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { useHandoffStores } from './handoff-fixture.js';

const files = useTempDirs();
const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

describe.each(STORE_BACKENDS)('seedOfficers on $name', ({ name, skip }) => {
const stores = useHandoffStores(name);
beforeEach(({ skip: skipTest }) => {
  if (skip) skipTest();
});

async function repo() {
  return createOfficerRepo((await stores.create()).db);
}

async function seedFile(yaml: string): Promise<string> {
  return path.join(await files({ 'officers.yaml': yaml }), 'officers.yaml');
}

  it('adds valid seeds with defaults (role officer, maxOpen 10, off duty) and returns the count', async () => {
    const officers = await repo();
    const file = await seedFile(`
- { login: zhang.wei, name: 张伟, team: 补贴兑现 }
- { login: zhou.lan, name: 周岚, team: 综合, role: lead, maxOpen: 15 }
`);
    expect(await seedOfficers(file, officers)).toBe(2);
    expect(await officers.get('zhang.wei')).toEqual({ login: 'zhang.wei', name: '张伟', team: '补贴兑现', role: 'officer', onDuty: false, maxOpen: 10 });
    expect(await officers.get('zhou.lan')).toMatchObject({ team: '综合', role: 'lead', maxOpen: 15 });
    // Profiles only: no password is set from the seeds.
    expect((await officers.credentials('zhang.wei'))?.hash).toBeNull();
  });

  it('re-seeding keeps passwords set meanwhile', async () => {
    const officers = await repo();
    const file = await seedFile('- { login: zhang.wei, name: 张伟, team: 补贴兑现 }\n');
    await seedOfficers(file, officers);
    await officers.upsert({ login: 'zhang.wei', name: '张伟', team: '补贴兑现', role: 'officer' }, 'scrypt$h');
    await seedOfficers(file, officers);
    expect((await officers.credentials('zhang.wei'))?.hash).toBe('scrypt$h');
  });

  it('re-seeding leaves existing accounts as changed at run time (duty, role, team, cap)', async () => {
    const officers = await repo();
    const file = await seedFile('- { login: zhang.wei, name: 张伟, team: 补贴兑现 }\n');
    await seedOfficers(file, officers);
    await officers.upsert({ login: 'zhang.wei', name: '张伟', team: '人才认定', role: 'lead', onDuty: true, maxOpen: 4 });
    expect(await seedOfficers(file, officers)).toBe(1);
    expect(await officers.get('zhang.wei')).toMatchObject({ team: '人才认定', role: 'lead', onDuty: true, maxOpen: 4 });
  });

  it("loads the repository's seeds/officers.yaml", async () => {
    const officers = await repo();
    const n = await seedOfficers(path.join(REPO_ROOT, 'seeds', 'officers.yaml'), officers);
    expect(n).toBeGreaterThan(0);
    expect(await officers.all()).toHaveLength(n);
  });

  it.each([
    ['an unknown team', '- { login: zhang.wei, name: 张伟, team: 财务 }\n', /0\.team/u],
    ['a bad login', '- { login: Zhang Wei, name: 张伟, team: 补贴兑现 }\n', /0\.login/u],
    ['an unknown field', '- { login: zhang.wei, name: 张伟, team: 补贴兑现, password: x }\n', /password|Unrecognized/u],
    ['an unknown role', '- { login: zhang.wei, name: 张伟, team: 补贴兑现, role: admin }\n', /0\.role/u],
    ['a cap out of range', '- { login: zhang.wei, name: 张伟, team: 补贴兑现, maxOpen: 0 }\n', /0\.maxOpen/u],
    ['not a list', 'login: zhang.wei\n', /Invalid/u],
  ])('%s → AppError officers_invalid', async (_what, yaml, message) => {
    const officers = await repo();
    const file = await seedFile(yaml);
    const error = await seedOfficers(file, officers).then(() => undefined, (err: unknown) => err);
    expect(error).toMatchObject({ name: 'AppError', code: 'officers_invalid' });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
    expect(await officers.all()).toEqual([]);
  });

  it('a missing file seeds nothing', async () => {
    const officers = await repo();
    expect(await seedOfficers(path.join(await files(), 'absent.yaml'), officers)).toBe(0);
    expect(await officers.all()).toEqual([]);
  });

  it('an empty file seeds nothing', async () => {
    const officers = await repo();
    expect(await seedOfficers(await seedFile('# no officers yet\n'), officers)).toBe(0);
  });
});
