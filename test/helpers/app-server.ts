import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { answerClientErrors } from '../../src/channels/web/http-error.js';
import { parseConfig } from '../../src/config.js';
import { createApplication, type Application } from '../../src/create-application.js';
import { hashPassword } from '../../src/handoff/passwords.js';

/** The whole product (the same composition as `npm start`) listening on 127.0.0.1, port 0. */
export interface RunningApp {
  /** The application. */
  app: Application;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Stops the server, the background work and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the product on a fresh DATA_DIR with silent logs and rate limits out of the way;
 * `prepare` runs before the background work starts (e.g. to set officers off duty). A given
 * `dataDir` (one a CLI command already wrote to) is used instead of a new one.
 */
export async function startApp(prepare?: (app: Application) => Promise<void> | void, options: { dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'qxz-app-')));
  const app = await createApplication(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000', CONVERSATION_RATE_LIMIT_PER_MINUTE: '1000' }));
  await prepare?.(app);
  app.start();
  const server: Server = app.web.app.listen(0, '127.0.0.1');
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    app,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      app.endStreams();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The product with nobody on duty (tickets wait in the queue until claimed) and one lead, 周岚
 * (`zhou.lan`, team 综合), who logs in with `password`.
 */
export function startAppWithLead(password: string): Promise<RunningApp> {
  return startApp(async (a) => {
    for (const o of await a.officers.all()) await a.officers.setOnDuty(o.login, false);
    await a.officers.upsert({ login: 'zhou.lan', name: '周岚', team: '综合', role: 'lead', onDuty: false }, await hashPassword(password));
  });
}
