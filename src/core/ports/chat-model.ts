/** One message of a chat exchange. */
export interface ChatMessage {
  /** Who speaks: the instructions, the person, or the model. */
  role: 'system' | 'user' | 'assistant';
  /** Plain text. */
  content: string;
}

/** Per-call settings of a chat model. */
export interface ChatOptions {
  /** Cancels the call; an aborted call rejects with AppError('llm_aborted'). */
  signal?: AbortSignal;
  /** Asks for a JSON object as the whole reply. */
  json?: boolean;
  /** Upper bound on generated tokens. */
  maxTokens?: number;
  /** Sampling temperature. */
  temperature?: number;
}

/**
 * A chat model (any OpenAI-compatible endpoint in production, a fake server in tests). Failures
 * reject with AppError codes llm_timeout, llm_http_error (details.status), llm_unavailable,
 * llm_bad_response or llm_aborted.
 */
export interface ChatModel {
  /** Names the endpoint and model, for logs and caches. */
  readonly id: string;
  /** The whole reply text. */
  complete(messages: readonly ChatMessage[], options?: ChatOptions): Promise<string>;
  /** The reply as text deltas, in order; breaking out of the loop cancels the request. */
  stream(messages: readonly ChatMessage[], options?: ChatOptions): AsyncIterable<string>;
}
