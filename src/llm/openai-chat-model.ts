import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { LlmConfig } from '../config.js';
import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { ChatMessage, ChatModel, ChatOptions } from '../core/ports/chat-model.js';

/**
 * A ChatModel over any OpenAI-compatible endpoint (Qwen/DashScope, DeepSeek, vLLM, Ollama…).
 * The SDK owns per-attempt timeouts and retries; a deadline of our own backs them up, because the
 * SDK's timeout stops at the response headers: a body (or a stream) that stalls after them would
 * otherwise hang until the socket gives up.
 */
export function createOpenAiChatModel(config: LlmConfig, deps: { client?: OpenAI; logger?: Logger } = {}): ChatModel {
  const client =
    deps.client ?? new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: config.maxRetries });
  const logger = deps.logger ?? silentLogger;
  // Every attempt may use the whole timeout, plus the SDK's backoff between attempts (0.5 s doubling, ≤ 8 s).
  let backoffMs = 0;
  for (let i = 0; i < config.maxRetries; i++) backoffMs += Math.min(500 * 2 ** i, 8000);
  const budgetMs = config.timeoutMs * (config.maxRetries + 1) + backoffMs + 1000;

  const params = (messages: readonly ChatMessage[], options: ChatOptions): ChatCompletionCreateParamsBase => ({
    model: config.model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    ...(options.json === true ? { response_format: { type: 'json_object' as const } } : {}),
    ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
  });

  return {
    id: `openai-compatible:${config.baseURL}:${config.model}`,

    async complete(messages, options = {}) {
      const guard = deadline(options.signal, budgetMs);
      const started = Date.now();
      try {
        const res: unknown = await client.chat.completions.create({ ...params(messages, options), stream: false }, { signal: guard.signal });
        const choice = (res as { choices?: { message?: { content?: unknown }; finish_reason?: unknown }[] } | null)?.choices?.[0];
        const content = choice?.message?.content;
        if (typeof content !== 'string' || content.trim() === '') {
          throw new AppError('llm_bad_response', 'The chat endpoint returned no message text');
        }
        const usage = (res as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
        logger.info('llm call', {
          model: config.model,
          ms: Date.now() - started,
          finishReason: choice?.finish_reason,
          promptTokens: usage?.prompt_tokens,
          completionTokens: usage?.completion_tokens,
        });
        return content;
      } catch (err) {
        throw toAppError(err, guard);
      } finally {
        guard.dispose();
      }
    },

    async *stream(messages, options = {}) {
      const guard = deadline(options.signal, budgetMs);
      const started = Date.now();
      let chunks = 0;
      let finishReason: unknown;
      let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
      try {
        const stream = await client.chat.completions.create(
          { ...params(messages, options), stream: true, stream_options: { include_usage: true } },
          { signal: guard.signal },
        );
        guard.restart(config.timeoutMs);
        for await (const chunk of stream) {
          guard.restart(config.timeoutMs);
          chunks++;
          // The last chunk carries usage and `choices: []`.
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          const delta = choice?.delta?.content;
          if (typeof delta === 'string' && delta !== '') yield delta;
        }
        // The SDK ends an aborted stream quietly; a timeout or a cancel must not pass for a complete reply.
        if (guard.signal.aborted) throw new APIUserAbortError();
        if (chunks === 0) throw new AppError('llm_bad_response', 'The chat stream carried no chunks');
        logger.info('llm stream', {
          model: config.model,
          ms: Date.now() - started,
          finishReason,
          promptTokens: usage?.prompt_tokens,
          completionTokens: usage?.completion_tokens,
        });
      } catch (err) {
        throw toAppError(err, guard);
      } finally {
        guard.dispose();
      }
    },
  };
}

interface Deadline {
  /** Aborts on the caller's signal or when the deadline passes. */
  signal: AbortSignal;
  /** True once the deadline (not the caller) aborted. */
  readonly timedOut: boolean;
  /** Moves the deadline to `ms` from now (streams: the longest silence between chunks). */
  restart(ms: number): void;
  dispose(): void;
}

function deadline(callerSignal: AbortSignal | undefined, ms: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const restart = (next: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('deadline'));
    }, next);
  };
  restart(ms);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    restart,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

function toAppError(err: unknown, guard: Deadline): AppError {
  if (AppError.isInstance(err)) return err;
  const cause = { cause: err };
  if (err instanceof APIConnectionTimeoutError) return new AppError('llm_timeout', 'The chat endpoint timed out', cause);
  if (err instanceof APIUserAbortError || (err instanceof Error && err.name === 'AbortError')) {
    return guard.timedOut
      ? new AppError('llm_timeout', 'The chat endpoint stopped answering', cause)
      : new AppError('llm_aborted', 'The chat request was cancelled', cause);
  }
  if (err instanceof APIConnectionError) return new AppError('llm_unavailable', 'The chat endpoint could not be reached', cause);
  if (err instanceof APIError) {
    // An APIError without a status is an `error` event inside a stream.
    if (err.status === undefined) return new AppError('llm_bad_response', `The chat stream reported an error: ${err.message}`, cause);
    return new AppError('llm_http_error', `The chat endpoint answered HTTP ${err.status}`, { ...cause, details: { status: err.status } });
  }
  if (err instanceof SyntaxError) return new AppError('llm_bad_response', 'The chat endpoint sent a body that is not JSON', cause);
  return new AppError('llm_unavailable', `The chat request failed: ${err instanceof Error ? err.message : String(err)}`, cause);
}
