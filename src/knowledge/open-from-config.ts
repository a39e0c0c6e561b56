import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import { OpenAiCompatibleEmbeddings } from '../llm/openai-embeddings.js';
import { offlineEmbedderProvider, remoteEmbedderProvider, type EmbedderProvider } from './embedder-provider.js';
import type { CorpusSource } from './corpus-source.js';
import { loadGlossary } from './glossary.js';
import type { BuildProgress } from './index-builder.js';
import { openKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { createJiebaTokenizer } from './tokenizer.js';

/** Domain words jieba should not split, beyond the glossary's own terms. */
const DOMAIN_WORDS = ['人才新政', '钱塘人才卡', '举才官', '安家补贴', '租房补贴', '生活补贴', '人才公寓', '青年大学生', '新引进', '一人一议', '就高不重复', '钱工学堂', '钱塘人才全息场', '融境', '政府助才专员', '企业洞才专员', '博士后', '高技能人才', '高级技师', '技能大师工作室', '名师工作室', '人才吹哨', '区委人才办', '人才服务中心', '办事指南'];

/** The embedder the configuration asks for: a remote model when configured, else the offline one. */
export function embedderFromConfig(config: Config): EmbedderProvider {
  return config.embeddings
    ? remoteEmbedderProvider(new OpenAiCompatibleEmbeddings(config.embeddings))
    : offlineEmbedderProvider(config.search.offlineDims);
}

/** Wires the knowledge base from configuration: glossary, tokenizer, embedder, index folder. */
export async function openKnowledgeBaseFromConfig(
  config: Config,
  options: { logger?: Logger; onProgress?: BuildProgress; force?: boolean; corpus?: CorpusSource; indexDir?: string; embedder?: EmbedderProvider } = {},
): Promise<KnowledgeBase> {
  const glossary = await loadGlossary(path.join(config.seedsDir, 'glossary.yaml'));
  const tokenizer = createJiebaTokenizer({ extraWords: [...DOMAIN_WORDS, ...glossary.terms] });
  return openKnowledgeBase(
    {
      policiesDir: config.policiesDir,
      indexDir: options.indexDir ?? path.join(config.dataDir, 'index'),
      embedder: options.embedder ?? embedderFromConfig(config),
      ...(options.corpus ? { corpus: options.corpus } : {}),
      tokenizer,
      glossary,
      ef: config.search.ef,
      topK: config.search.topK,
      ...(options.logger ? { logger: options.logger } : {}),
    },
    { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.force ? { force: true } : {}) },
  );
}
