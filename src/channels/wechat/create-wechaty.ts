import path from 'node:path';
import { WechatyBuilder, type OfficialPuppetNpmName } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import type { WechatConfig } from '../../config.js';

/**
 * Builds the Wechaty bot from configuration: the puppet named by WECHATY_PUPPET with its token and
 * endpoint, and the session file ("memory card", which lets wechat4u log in again without a scan)
 * kept in DATA_DIR. Not started.
 */
export function createWechaty(wechat: WechatConfig, dataDir: string): WechatyInterface {
  return WechatyBuilder.build({
    name: path.join(dataDir, 'wechaty'),
    // Any puppet package installed next to wechaty works; the type only lists the official ones.
    puppet: wechat.puppet as OfficialPuppetNpmName,
    puppetOptions: {
      ...(wechat.puppetToken !== undefined ? { token: wechat.puppetToken } : {}),
      ...(wechat.puppetEndpoint !== undefined ? { endpoint: wechat.puppetEndpoint } : {}),
    },
  });
}
