/**
 * The one error base class of the product. Adapters turn `code` into an HTTP status or a chat
 * message; nothing else inspects error messages.
 */
export class AppError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (options?.details !== undefined) this.details = options.details;
  }

  /** True for any AppError, also one created by another copy of this module. */
  static isInstance(value: unknown): value is AppError {
    return value instanceof Error && typeof (value as { code?: unknown }).code === 'string' && (value as Error).name === 'AppError';
  }
}
