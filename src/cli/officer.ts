import { randomInt } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { AppError } from '../core/errors.js';
import { seedOfficers } from '../handoff/load-officers.js';
import { createOfficerRepo } from '../handoff/officer-repo.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../handoff/passwords.js';
import { TEAMS, type Team } from '../handoff/types.js';
import { openStore } from '../storage/open-store.js';
import { STORE_MIGRATIONS } from '../store-migrations.js';
import { parseArgs, stringFlag } from './args.js';
import { readNewPassword } from './read-password.js';
import { runCli } from './run-cli.js';

const USAGE = 'Usage: npm run officer -- add <login> --team <team> [--name 姓名] [--lead]   (password from stdin)\n       npm run officer -- wechat-code <login>   (a one-time code to link WeChat in the officers\' room)\n       npm run officer -- list';

// `npm run officer -- add <login> --team <team> [--lead]` creates or resets an officer.
await runCli(async (argv) => {
  const args = parseArgs(argv, ['team', 'name']);
  const [command, login] = args.positionals;
  const config = loadConfig();
  const db = await openStore(
    config.database.url ? { kind: 'postgres', url: config.database.url, poolSize: 2, ...(config.database.schema ? { schema: config.database.schema } : {}) } : { kind: 'sqlite', dataDir: config.dataDir },
    STORE_MIGRATIONS,
  );
  const repo = createOfficerRepo(db);
  try {
    // The seeded profiles (name, team) come first, so `add zhou.lan` gives 周岚 a password rather than a bare login.
    await seedOfficers(path.join(config.seedsDir, 'officers.yaml'), repo);
    if (command === 'wechat-code' && login) {
      if (!(await repo.get(login))) throw new AppError('bad_request', `No officer ${login}`);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await repo.issueLinkCode(login, code, new Date(Date.now() + 30 * 60_000).toISOString());
      process.stdout.write(`One-time code for ${login} (30 minutes): ${code}\nIn the officers' WeChat room, send:  绑定 ${login} ${code}\n`);
      return;
    }
    if (command === 'list') {
      for (const o of await repo.all()) process.stdout.write(`${o.login}\t${o.name}\t${o.team}\t${o.role}\t${o.onDuty ? 'on duty' : 'off duty'}\n`);
      return;
    }
    if (command !== 'add' || !login) throw new AppError('bad_request', USAGE);
    if (!/^[a-z0-9][a-z0-9._-]{1,40}$/u.test(login)) throw new AppError('bad_request', 'A login is 2–41 lower-case letters, digits, ".", "_" or "-"');
    const existing = await repo.get(login);
    const hadPassword = Boolean((await repo.credentials(login))?.hash);
    const given = stringFlag(args, 'team');
    if (given !== undefined && !(TEAMS as readonly string[]).includes(given)) throw new AppError('bad_request', `Unknown team "${given}": --team must be one of ${TEAMS.join(' ')}`);
    const team = (given ?? existing?.team) as Team | undefined;
    if (!team) throw new AppError('bad_request', `A new officer needs --team, one of ${TEAMS.join(' ')}`);
    const password = await readNewPassword({ input: process.stdin, output: process.stderr }, MIN_PASSWORD_LENGTH);
    // Resetting a password keeps the officer's duty; a new officer starts off duty until they log in and switch 在岗 on.
    await repo.upsert({ login, name: stringFlag(args, 'name') ?? existing?.name ?? login, team, role: args.flags.has('lead') ? 'lead' : existing?.role ?? 'officer', onDuty: existing?.onDuty ?? false }, await hashPassword(password));
    const saved = await repo.get(login);
    process.stdout.write(`${hadPassword ? 'Password reset for' : 'Created'} officer ${login} (${saved?.name ?? login}, ${team}${saved?.role === 'lead' ? ', lead' : ''}). Log in at /console and switch 在岗 on to receive tickets.\n`);
  } finally {
    await db.close();
  }
});
