import { describe, expect, it } from 'vitest';
import { createPostgresDb } from '../../../src/storage/postgres/postgres-db.js';
import { postgresAvailable, TEST_DATABASE_URL } from '../../helpers/store-backends.js';

describe.skipIf(!postgresAvailable)('PostgreSQL store connections', () => {
  it('a pool asked for synchronous_commit=off has it on every connection; the default pool keeps the server setting', async () => {
    const volatile = createPostgresDb({ url: TEST_DATABASE_URL, schema: 'public', synchronousCommit: 'off', poolSize: 2 });
    const regular = createPostgresDb({ url: TEST_DATABASE_URL, poolSize: 2 });
    try {
      const settings = await Promise.all([1, 2, 3].map(() => volatile.transaction((tx) => tx.get<{ s: string; p: string }>("SELECT current_setting('synchronous_commit') AS s, current_setting('search_path') AS p"))));
      expect(settings.map((r) => r?.s)).toEqual(['off', 'off', 'off']);
      // The schema setting still reaches the connection beside it.
      expect(settings[0]?.p).toBe('public');
      expect(await regular.get("SELECT current_setting('synchronous_commit') AS s")).toEqual({ s: 'on' });
    } finally {
      await Promise.all([volatile.close(), regular.close()]);
    }
  });
});
