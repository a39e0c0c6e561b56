/** The login QR code in the forms the terminal and the console need. */
export interface LoginQr {
  /** The value the puppet reported (what the QR code encodes). */
  value: string;
  /** A page that draws it (Wechaty's service: the value leaves the machine when opened). */
  imageUrl: string;
  /** SVG markup, when the `qrcode` package is available, for the console to show. */
  svg?: string;
  /** The code drawn with block characters for a terminal, when available. */
  terminal?: string;
}

interface QrcodeModule {
  toString(text: string, options: { type: 'terminal' | 'svg'; small?: boolean; margin?: number }): Promise<string>;
}

/**
 * Renders a login QR code. The `qrcode` package comes with Wechaty (through file-box) but is no
 * declared dependency of ours, so it is loaded by name and its absence only loses the drawings.
 */
export async function renderLoginQr(value: string): Promise<LoginQr> {
  const qr: LoginQr = { value, imageUrl: `https://wechaty.js.org/qrcode/${encodeURIComponent(value)}` };
  try {
    const name = 'qrcode';
    const mod = (await import(name)) as { default?: QrcodeModule } & Partial<QrcodeModule>;
    const lib = mod.default ?? (mod as QrcodeModule);
    qr.terminal = await lib.toString(value, { type: 'terminal', small: true });
    qr.svg = await lib.toString(value, { type: 'svg', margin: 2 });
  } catch {
    // Only the link remains.
  }
  return qr;
}

/** The text printed in the terminal for a QR code. */
export function loginQrText(qr: LoginQr): string {
  const drawing = qr.terminal ? `${qr.terminal}\n` : '';
  return `\n请用要登录的微信扫描二维码（Scan with the WeChat account the bot should use）:\n${drawing}If the code does not show, open: ${qr.imageUrl}\n\n`;
}
