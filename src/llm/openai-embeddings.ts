import { Embeddings } from '@langchain/core/embeddings';
import OpenAI from 'openai';
import type { RemoteEmbeddingsConfig } from '../config.js';
import type { IdentifiedEmbeddings } from '../knowledge/hashed-ngram-embeddings.js';

/**
 * Embeddings from any OpenAI-compatible endpoint (bge-m3 behind vLLM or Ollama, DashScope,
 * text-embedding-3). Requests are batched; the vector length is learned from the first answer.
 */
export class OpenAiCompatibleEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  private readonly client: OpenAI;
  private readonly settings: RemoteEmbeddingsConfig;
  private readonly batchSize: number;
  private knownDims: number | undefined;

  constructor(settings: RemoteEmbeddingsConfig, options: { client?: OpenAI; batchSize?: number; dims?: number } = {}) {
    super({ maxRetries: 2 });
    this.settings = settings;
    this.client = options.client ?? new OpenAI({ baseURL: settings.baseURL, apiKey: settings.apiKey, maxRetries: 2, timeout: 30_000 });
    this.batchSize = options.batchSize ?? 64;
    this.knownDims = options.dims ?? settings.dimensions;
  }

  get id(): string {
    return `openai-compatible:${this.settings.baseURL}:${this.settings.model}:${this.settings.dimensions ?? 'native'}`;
  }

  get dims(): number {
    if (this.knownDims === undefined) throw new Error('Embedding dimensions are known after the first request');
    return this.knownDims;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      out.push(...(await this.request(documents.slice(i, i + this.batchSize))));
    }
    return out;
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.request([document]);
    if (!vector) throw new Error('The embeddings endpoint returned no vector');
    return vector;
  }

  private async request(input: string[]): Promise<number[][]> {
    const res = await this.client.embeddings.create({
      model: this.settings.model,
      input,
      encoding_format: 'float',
      ...(this.settings.dimensions !== undefined ? { dimensions: this.settings.dimensions } : {}),
    });
    const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => Array.from(d.embedding));
    if (vectors.length !== input.length) throw new Error(`Expected ${input.length} vectors, got ${vectors.length}`);
    this.knownDims ??= vectors[0]?.length;
    return vectors;
  }
}
