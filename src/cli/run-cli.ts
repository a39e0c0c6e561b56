import { AppError } from '../core/errors.js';

/** Runs a CLI body: an AppError prints one line and exits 1; anything else prints its stack. */
export async function runCli(main: (argv: string[]) => Promise<void>): Promise<void> {
  try {
    await main(process.argv.slice(2));
  } catch (err) {
    if (AppError.isInstance(err)) process.stderr.write(`钱小智: ${err.message}\n`);
    else process.stderr.write(`钱小智: unexpected error\n${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
