import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { AppError } from '../src/core/errors.js';
import { fixedClock } from '../src/core/ports/clock.js';
import { createServices, type Services } from '../src/create-services.js';

// Rules are data next to the texts: an operator who corrects an amount needs no restart.
describe('reloading eligibility rules', () => {
  let root: string;
  let services: Services;
  const rulesFile = (): string => path.join(root, 'policies', 'rules', 'qt25.yaml');
  const ask = (id: string, text: string) => services.assistant.handle({ conversationId: id, userId: 'u', channel: 'cli', text });
  const PROFILE = '我27岁，全日制硕士，2025年7月毕业，2025年9月来钱塘工作，社保交了14个月，能领生活补贴吗';

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'qxz-rules-'));
    await cp(path.resolve('policies'), path.join(root, 'policies'), { recursive: true });
    services = await createServices(parseConfig({ DATA_DIR: path.join(root, 'data'), POLICIES_DIR: path.join(root, 'policies') }), { clock: fixedClock('2026-11-27T12:00:00+08:00'), useModel: false });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('applies a changed amount to the next verdict, and keeps the rules in use when the file is broken', async () => {
    expect((await ask('a', PROFILE)).text).toContain('3万元');
    const original = await readFile(rulesFile(), 'utf8');
    await writeFile(rulesFile(), original.replace('      master: 3万元', '      master: 3.5万元'));
    expect(await services.reloadRules()).toBeGreaterThan(5);
    // The rule alone says 3.5万元 while the article still says 3万元: the reloaded rule is checked against
    // the text and left out, so the answer gives the article's figure (not the last-resort quote).
    const ruleOnly = (await ask('a2', PROFILE)).text;
    expect(ruleOnly).not.toContain('3.5万元');
    expect(ruleOnly).toContain('硕士3万元');
    expect(ruleOnly).not.toContain('没能可靠地整理出答案');
    // The operator corrects the article too: the next verdict gives the new amount.
    const article = path.join(root, 'policies', 'qt25.md');
    await writeFile(article, (await readFile(article, 'utf8')).replace('硕士3万元、博士10万元', '硕士3.5万元、博士10万元'));
    await services.knowledge.reload();
    expect(await services.reloadRules()).toBeGreaterThan(5);
    expect((await ask('b', PROFILE)).text).toContain('3.5万元');

    await writeFile(rulesFile(), 'rules: [ this is not: valid');
    await expect(services.reloadRules()).rejects.toSatisfy((e: unknown) => AppError.isInstance(e));
    expect((await ask('c', PROFILE)).text).toContain('3.5万元');
  });
});
