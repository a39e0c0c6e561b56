import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QT25_CHANGED_MD } from '../../library/qt25-sample.js';
import { buildServices, REPO_ROOT } from '../../helpers/services.js';

// A text published with new figures while the rule file still has the old ones: no answer may state
// the rule's old figure next to a citation of the new text.
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function servicesWith(qt25: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'qxz-rule-figures-'));
  dirs.push(root);
  await cp(path.join(REPO_ROOT, 'policies'), path.join(root, 'policies'), { recursive: true });
  await writeFile(path.join(root, 'policies', 'qt25.md'), qt25);
  return buildServices({ POLICIES_DIR: path.join(root, 'policies'), DATA_DIR: path.join(root, 'data') });
}

const ASK = { conversationId: 'c1', userId: 'u1', channel: 'cli' as const };
const PHD = '我是2024年6月毕业的全日制博士，30岁，今年3月来钱塘工作，社保交了8个月，生活补贴能领多少？';

describe('rules whose figures the cited article no longer states', () => {
  it('the rule is left out: the answer gives the article’s new figure, never the rule’s old one', async () => {
    const s = await servicesWith(QT25_CHANGED_MD);
    const reply = await s.assistant.handle({ ...ASK, text: PHD });
    expect(reply.text).toContain('15万元');
    expect(reply.text).not.toContain('10万元');
    expect(reply.citations.map((c) => c.key)).toContain('qt25-5');
  });

  it('with the text unchanged the rule answers as before (the figure from the rule, the verdict for the case)', async () => {
    const s = await servicesWith(QT25_CHANGED_MD.replace('硕士5万元、博士15万元', '硕士3万元、博士10万元'));
    const reply = await s.assistant.handle({ ...ASK, text: PHD });
    expect(reply.text).toContain('10万元');
    expect(reply.intent).toBe('eligibility');
  });
});
