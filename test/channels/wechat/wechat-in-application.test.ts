import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { createApplication } from '../../../src/create-application.js';
import { REPO_ROOT } from '../../helpers/services.js';
import { waitFor } from './wechat-harness.js';

describe('WeChat channel in the application', () => {
  it('starts with the app when WECHAT_ENABLED=true, delivers channel wechat, and shows on /healthz without the QR code', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qxz-wechat-app-'));
    const application = await createApplication(parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', WECHAT_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-mock' }, REPO_ROOT));
    const server = application.web.app.listen(0, '127.0.0.1');
    try {
      application.start();
      await waitFor(() => application.wechat?.status().lastEvent?.type === 'start', 'the bot start');
      if (!server.listening) await once(server, 'listening');
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      const body = (await res.json()) as { ok: boolean; checks: Record<string, { ok: boolean; detail: Record<string, unknown> }> };
      // Not logged in: the channel is down and says so.
      expect(res.status).toBe(503);
      expect(body.checks['wechat']).toMatchObject({ ok: false, detail: { loggedIn: false, logins: 0, waitingForScan: false } });
      expect(JSON.stringify(body)).not.toContain('qrcode');
      // Offline, a wechat outbox message is retried, never dropped for want of a deliverer.
      await application.db.run(`INSERT INTO outbox (id, ticket_no, conversation_id, channel, channel_user_id, role, text, next_attempt_at, created_at)
        VALUES ('o1', NULL, 'wechat:abc', 'wechat', 'abc', 'system', 'hi', '2000-01-01', '2000-01-01')`);
      await application.delivery.tick();
      expect(await application.db.get('SELECT last_error AS e, failed_at AS f FROM outbox')).toEqual({ e: 'WeChat is not logged in', f: null });
    } finally {
      server.close();
      await application.wechat?.stop();
      await application.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
