// `npm start`: compiles src/ into dist/ when dist/ is missing or older than the sources (a fresh
// clone's first start, or after an edit), then runs the compiled server in this same process.
// Development commands keep running the TypeScript with tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, needsBuild, ROOT } from './build.mjs';

if (await needsBuild()) {
  const { ms } = await build();
  process.stdout.write(`compiled src/ into dist/ in ${ms} ms\n`);
}
await import(pathToFileURL(path.join(ROOT, 'dist', 'main.js')).href);
