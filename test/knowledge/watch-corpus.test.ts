import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { offlineEmbedderProvider } from '../../src/knowledge/embedder-provider.js';
import { createGlossary } from '../../src/knowledge/glossary.js';
import { openKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { createJiebaTokenizer } from '../../src/knowledge/tokenizer.js';
import { watchCorpus } from '../../src/knowledge/watch-corpus.js';
import { useCorpusCopies } from '../helpers/kb-fixture.js';

describe('watchCorpus', () => {
  const corpus = useCorpusCopies();

  it('picks up a new policy file without a restart, and searches find it', async () => {
    const fx = await corpus(['guides/g02.md']);
    const kb = await openKnowledgeBase({
      policiesDir: fx.policiesDir, indexDir: fx.indexDir, embedder: offlineEmbedderProvider(128),
      tokenizer: createJiebaTokenizer(), glossary: createGlossary({}), ef: 64, topK: 5,
    });
    const stop = watchCorpus(fx.policiesDir, async () => void (await kb.reload()), silentLogger, 100);
    try {
      expect(kb.documents().map((d) => d.id)).toEqual(['g02']);
      await writeFile(
        path.join(fx.policiesDir, 'notice.md'),
        '---\nid: n1\ntitle: 关于人才夜校的通知\nkind: policy\nstatus: current\n---\n\n## 第一条 人才夜校\n\n区人才夜校每周三晚上开课，免费向在区就业人才开放。\n',
      );
      await expect.poll(() => kb.documents().map((d) => d.id).sort(), { timeout: 10_000, interval: 100 }).toEqual(['g02', 'n1']);
      expect((await kb.search('人才夜校什么时候上课')).results[0]?.key).toBe('n1-1');
    } finally {
      stop();
    }
  });
});
