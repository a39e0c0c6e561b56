import { randomInt } from 'node:crypto';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { AppError } from '../core/errors.js';
import { HANDOFF_MIGRATIONS } from '../handoff/migrations.js';
import { createOfficerRepo } from '../handoff/officer-repo.js';
import { hashPassword } from '../handoff/passwords.js';
import { TEAMS, type Team } from '../handoff/types.js';
import { CHAT_MIGRATIONS, openDatabase } from '../storage/open-database.js';
import { parseArgs, stringFlag } from './args.js';
import { runCli } from './run-cli.js';

const USAGE = 'Usage: npm run officer -- add <login> --team <team> [--name 姓名] [--lead]   (password from stdin)\n       npm run officer -- wechat-code <login>   (a one-time code to link WeChat in the officers\' room)\n       npm run officer -- list';

/** Reads one line from stdin; on a terminal the typed characters are not echoed. */
function readPassword(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    if (process.stdin.isTTY) {
      process.stdout.write(prompt);
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    rl.once('line', (line) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      resolve(line);
    });
    rl.once('close', () => reject(new AppError('bad_request', 'No password on stdin')));
  });
}

// `npm run officer -- add <login> --team <team> [--lead]` creates or resets an officer.
await runCli(async (argv) => {
  const args = parseArgs(argv, ['team', 'name']);
  const [command, login] = args.positionals;
  const config = loadConfig();
  const db = openDatabase(config.dataDir, [...CHAT_MIGRATIONS, ...HANDOFF_MIGRATIONS]);
  const repo = createOfficerRepo(db);
  try {
    if (command === 'wechat-code' && login) {
      if (!repo.get(login)) throw new AppError('bad_request', `No officer ${login}`);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      repo.issueLinkCode(login, code, new Date(Date.now() + 30 * 60_000).toISOString());
      process.stdout.write(`One-time code for ${login} (30 minutes): ${code}\nIn the officers' WeChat room, send:  绑定 ${login} ${code}\n`);
      return;
    }
    if (command === 'list') {
      for (const o of repo.all()) process.stdout.write(`${o.login}\t${o.name}\t${o.team}\t${o.role}\t${o.onDuty ? 'on duty' : 'off duty'}\n`);
      return;
    }
    if (command !== 'add' || !login) throw new AppError('bad_request', USAGE);
    if (!/^[a-z0-9][a-z0-9._-]{1,40}$/u.test(login)) throw new AppError('bad_request', 'A login is 2–41 lower-case letters, digits, ".", "_" or "-"');
    const existing = repo.get(login);
    const team = (stringFlag(args, 'team') ?? existing?.team) as Team | undefined;
    if (!team || !TEAMS.includes(team)) throw new AppError('bad_request', `--team must be one of ${TEAMS.join(' ')}`);
    const password = await readPassword('Password (at least 10 characters): ');
    if (password.length < 10) throw new AppError('bad_request', 'The password must have at least 10 characters');
    repo.upsert({ login, name: stringFlag(args, 'name') ?? existing?.name ?? login, team, role: args.flags.has('lead') ? 'lead' : existing?.role ?? 'officer' }, await hashPassword(password));
    process.stdout.write(`${existing ? 'Reset' : 'Created'} officer ${login} (${team}${args.flags.has('lead') ? ', lead' : ''}).\n`);
  } finally {
    db.close();
  }
});
