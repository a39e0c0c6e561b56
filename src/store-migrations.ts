import { WECHAT_MIGRATIONS } from './channels/wechat/migrations.js';
import { LIBRARY_MIGRATIONS } from './library/migrations.js';
import { HANDOFF_MIGRATIONS } from './handoff/migrations.js';
import { CHAT_MIGRATIONS } from './storage/chat-migrations.js';
import { CLUSTER_MIGRATIONS } from './storage/cluster-migrations.js';
import type { Migration } from './storage/migration.js';

/** Every table of the product, in the order a new store applies them (the same on SQLite and PostgreSQL). */
export const STORE_MIGRATIONS: readonly Migration[] = [...CHAT_MIGRATIONS, ...HANDOFF_MIGRATIONS, ...WECHAT_MIGRATIONS, ...CLUSTER_MIGRATIONS, ...LIBRARY_MIGRATIONS];
