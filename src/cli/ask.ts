import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { createServices } from '../create-services.js';
import { AppError } from '../core/errors.js';
import type { Reply } from '../core/types.js';
import { parseArgs } from './args.js';
import { runCli } from './run-cli.js';

/** The reply as a terminal shows it: the Markdown text, then sources and any handoff. */
function render(reply: Reply, verbose: boolean): string {
  const lines = [reply.text, ''];
  if (reply.citations.length > 0) lines.push(`来源 sources: ${reply.citations.map((c) => `${c.key}${c.status === 'superseded' ? '(已废止)' : ''}`).join(', ')}`);
  if (reply.handoff) lines.push(`转人工 handoff: ticket #${reply.handoff.ticketNo} (${reply.handoff.reason})`);
  if (verbose) lines.push(`intent ${reply.intent} · scope ${reply.scope} · lang ${reply.lang} · confidence ${reply.confidence ?? '-'} · retrieved ${reply.retrieved.slice(0, 5).join(', ')}`);
  if (verbose && reply.repairs) lines.push(`read as 纠错: ${reply.repairs.map((r) => `${r.from}→${r.to}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

// `npm run ask -- "问题"` prints the answer; `--json` prints exactly one JSON document (the Reply):
// run it as `npm run -s ask -- --json …`, or npm's own banner line comes first on stdout;
// `--chat` is an interactive conversation for trying multi-turn by hand.
const USAGE = 'Usage: npm run ask -- [--json] [--verbose] "问题"  |  npm run ask -- --chat [--verbose]';

await runCli(async (argv) => {
  const args = parseArgs(argv, []);
  if (args.flags.has('help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const question = args.positionals.join(' ').trim();
  // Checked before the index loads: a usage mistake is one line, not a stack trace after a second's wait.
  if (question === '' && !args.flags.has('chat')) throw new AppError('usage', USAGE);
  const config = loadConfig();
  const services = await createServices(config);
  const conversationId = `cli-${process.pid}-${Date.now()}`;
  const ask = (text: string) => services.assistant.handle({ conversationId, userId: 'cli', channel: 'cli', text });

  if (args.flags.has('chat')) {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    process.stdout.write('钱小智 — 输入问题，回车发送；输入 exit 退出。Type a question; "exit" quits.\n\n你> ');
    // Reading the lines as a stream (not question by question) keeps piped input whole.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === 'exit' || line === 'quit') break;
      if (line !== '') {
        try {
          process.stdout.write(`\n钱小智> ${render(await ask(line), args.flags.has('verbose'))}`);
        } catch (err) {
          process.stdout.write(`\n钱小智> (${(err as Error).message})\n`);
        }
      }
      process.stdout.write('\n你> ');
    }
    rl.close();
    return;
  }

  const reply = await ask(question);
  process.stdout.write(args.flags.has('json') ? `${JSON.stringify(reply)}\n` : render(reply, args.flags.has('verbose')));
});
