import { types } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import { loginQrText, renderLoginQr, type LoginQr } from './login-qr.js';

/** What the console and /healthz learn about the bot. */
export interface WechatStatus {
  /** Whether an account is logged in. */
  loggedIn: boolean;
  /** The logged-in account. */
  user?: { id: string; name: string };
  /** The last lifecycle event (scan, login, relogin, logout, error, …) and when. */
  lastEvent?: { type: string; at: string; detail?: string };
  /** Logins since start; more than one means the bot reconnected. */
  logins: number;
  /** The QR code to scan while waiting for a login (never put it on a public page: it logs in the account). */
  qr?: LoginQr & { status: string; at: string };
}

/**
 * Follows the bot's lifecycle into `state` and the logs: the QR code (printed for the terminal,
 * kept for the console), login, re-login after a reconnect, logout and errors. The error listener
 * also keeps Wechaty from throwing: an error of one message never stops the bot.
 */
export function watchLifecycle(bot: WechatyInterface, o: { state: WechatStatus; clock: Clock; logger: Logger; puppet: string; printQr: (text: string) => void; onLogin: () => void }): void {
  const { state, clock, logger } = o;
  const event = (type: string, detail?: string): void => {
    state.lastEvent = { type, at: clock.now().toISOString(), ...(detail !== undefined ? { detail } : {}) };
  };

  bot.on('scan', (value, status) => {
    const name = types.ScanStatus[status] ?? String(status);
    event('scan', name);
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
    void renderLoginQr(value).then((qr) => {
      state.qr = { ...qr, status: name, at: clock.now().toISOString() };
      o.printQr(loginQrText(qr));
      // The code itself stays out of the logs: whoever scans it in time owns the bot's session.
      logger.info('wechat waiting for a QR scan (code printed in the terminal)', { puppet: o.puppet, status: name });
    });
  });
  bot.on('login', (user) => {
    state.loggedIn = true;
    state.user = { id: user.id, name: user.name() };
    state.logins += 1;
    delete state.qr;
    o.onLogin();
    event(state.logins > 1 ? 'relogin' : 'login', user.name());
    logger.info(state.logins > 1 ? 'wechat logged in again (reconnected)' : 'wechat logged in', { user: user.name(), logins: state.logins });
  });
  bot.on('logout', (user, reason) => {
    state.loggedIn = false;
    event('logout', reason);
    logger.warn('wechat logged out', { user: user.name(), reason });
  });
  bot.on('ready', () => event('ready'));

  // A puppet retrying an unreachable server repeats one error many times a second: logged once a minute.
  let lastError: { message: string; at: number; repeats: number } | undefined;
  bot.on('error', (err) => {
    event('error', err.message);
    const at = clock.now().getTime();
    if (lastError && lastError.message === err.message && at - lastError.at < 60_000) {
      lastError.repeats += 1;
      return;
    }
    logger.warn('wechat error', { error: err.message, ...(lastError?.repeats ? { previousRepeated: lastError.repeats } : {}) });
    lastError = { message: err.message, at, repeats: 0 };
  });
}
