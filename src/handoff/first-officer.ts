import type { Logger } from '../core/logger.js';
import type { OfficerRepo } from './officer-repo.js';
import { hashPassword } from './passwords.js';
import type { Team } from './types.js';

/** The first lead to create at start when nobody can log in (container deployments). */
export interface OfficerBootstrap {
  /** Login of the lead. */
  login: string;
  /** Their password (never logged). */
  password: string;
  /** Their team. */
  team: Team;
}

/**
 * The one command a newcomer pastes to create the first officer: for the first seeded lead (their
 * profile, name and team, comes from seeds/officers.yaml), else a lead of 综合. The command asks for
 * the password itself, so nothing else belongs on the line.
 */
export async function firstOfficerCommand(officers: OfficerRepo): Promise<string> {
  const all = await officers.all();
  const lead = all.find((o) => o.role === 'lead') ?? all[0];
  return `npm run officer -- add ${lead?.login ?? 'zhou.lan'} --team ${lead?.team ?? '综合'} --lead`;
}

/**
 * Creates the first lead from OFFICER_BOOTSTRAP_* when no officer can log in yet; once anyone can,
 * the variables are ignored (an operator's password is never overwritten at a restart).
 * Returns whether a lead was created.
 */
export async function bootstrapOfficer(officers: OfficerRepo, bootstrap: OfficerBootstrap | undefined, logger: Logger): Promise<boolean> {
  if (!bootstrap) return false;
  if ((await officers.count()) > 0) {
    logger.info('OFFICER_BOOTSTRAP_LOGIN ignored: officers can already log in (you may remove the OFFICER_BOOTSTRAP_* variables)');
    return false;
  }
  const seeded = await officers.get(bootstrap.login);
  await officers.upsert({ login: bootstrap.login, name: seeded?.name ?? bootstrap.login, team: bootstrap.team, role: 'lead', onDuty: false }, await hashPassword(bootstrap.password));
  logger.info('first lead created from OFFICER_BOOTSTRAP_LOGIN', { login: bootstrap.login, team: bootstrap.team });
  return true;
}
