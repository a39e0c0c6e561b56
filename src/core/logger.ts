/** A structured log line writer; adapters back it with pino, tests with a recorder. */
export interface Logger {
  /** Routine events. */
  info(message: string, data?: Record<string, unknown>): void;
  /** Something degraded but handled. */
  warn(message: string, data?: Record<string, unknown>): void;
  /** Something failed. */
  error(message: string, data?: Record<string, unknown>): void;
}

/** A logger that drops everything (default for tests and library use). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
