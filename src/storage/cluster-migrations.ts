import type { Migration } from './migration.js';

/**
 * Tables several instances on one store share: per-conversation turn leases and fixed-window rate
 * limit counters. Both are plain rows so SQLite (one process) and PostgreSQL (many) run the same SQL.
 */
export const CLUSTER_MIGRATIONS: readonly Migration[] = [
  {
    name: '301-cluster-leases-and-rate-limits',
    sql: `CREATE TABLE turn_leases (
     conversation_id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     token TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE rate_limit_hits (
     key TEXT PRIMARY KEY,
     window_start TEXT NOT NULL,
     hits INTEGER NOT NULL
   );
   CREATE INDEX rate_limit_hits_window_start ON rate_limit_hits (window_start);`,
  },
];
