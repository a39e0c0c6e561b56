import { createInterface } from 'node:readline';
import { AppError } from '../core/errors.js';

/** Where a password comes from: a terminal (typed, not echoed) or a pipe (the first line). */
export interface PasswordInput {
  input: NodeJS.ReadStream;
  /** Prompts go here (stderr), so stdout stays for the command's result. */
  output: NodeJS.WritableStream;
}

const NO_PASSWORD = "No password on stdin: pipe one, e.g.  printf '%s\\n' 'a-long-password' | npm run -s officer -- add <login> --team <team>, or run the command at a terminal and type it";

/**
 * The first line of a pipe. The promise settles on the first line or at the end of input; the
 * `close` that follows a line (rl.close() emits it synchronously) must not reject what was read.
 */
export function readLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input, terminal: false });
    let settled = false;
    rl.once('line', (line) => {
      settled = true;
      resolve(line.replace(/\r$/u, ''));
      rl.close();
    });
    rl.once('close', () => {
      if (!settled) reject(new AppError('bad_request', NO_PASSWORD));
    });
  });
}

/** One line typed at a terminal in raw mode: nothing is echoed; Backspace edits, Ctrl-C / Ctrl-D abort. */
export function readHidden(input: NodeJS.ReadStream, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const wasRaw = input.isRaw;
    // Echo off before the prompt shows: whatever is typed once it is visible must not appear.
    input.setRawMode(true);
    output.write(prompt);
    input.setEncoding('utf8');
    input.resume();
    const finish = (err?: AppError): void => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new AppError('bad_request', 'Cancelled'));
        if (ch === '\u0004') return finish(typed === '' ? new AppError('bad_request', NO_PASSWORD) : undefined);
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * A new password: at a terminal asked twice without echo (the two must match); from a pipe the
 * first line. Too short or empty is a clear error; the password itself is never printed.
 */
export async function readNewPassword(io: PasswordInput, minLength: number): Promise<string> {
  let password: string;
  if (io.input.isTTY) {
    password = await readHidden(io.input, io.output, `Password (at least ${minLength} characters): `);
    if (password !== '') {
      const again = await readHidden(io.input, io.output, 'Repeat the password: ');
      if (again !== password) throw new AppError('bad_request', 'The two passwords differ; nothing was changed');
    }
  } else {
    password = await readLine(io.input);
  }
  if (password === '') throw new AppError('bad_request', `The password is empty; it needs at least ${minLength} characters`);
  if ([...password].length < minLength) throw new AppError('bad_request', `The password is too short; it needs at least ${minLength} characters`);
  return password;
}
