import { writeFile } from 'node:fs/promises';
import { buildWidget } from '../channels/web/build-widget.js';
import { parseArgs, stringFlag } from './args.js';
import { runCli } from './run-cli.js';

// `tsx src/cli/build-widget.ts [--out FILE]`: bundles the widget, prints its size and gzip size.
await runCli(async (argv) => {
  const args = parseArgs(argv, ['out']);
  const { code, gzipBytes } = await buildWidget();
  const bytes = Buffer.byteLength(code, 'utf8');
  const out = stringFlag(args, 'out');
  if (out) await writeFile(out, code, 'utf8');
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(`widget.js  ${bytes} bytes (${kib(bytes)})  gzip ${gzipBytes} bytes (${kib(gzipBytes)})${out ? `  → ${out}` : ''}\n`);
});
