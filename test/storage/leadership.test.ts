import { describe, expect, it } from 'vitest';
import { createLeadership, createLocalLeadership } from '../../src/storage/leadership.js';

describe('local leadership (one process on SQLite)', () => {
  it('is the leader from start to stop and says so to its listeners', async () => {
    const leadership = createLocalLeadership();
    const changes: boolean[] = [];
    leadership.onChange((leader) => changes.push(leader));
    expect(leadership.isLeader()).toBe(false);
    leadership.start();
    leadership.start();
    expect(leadership.isLeader()).toBe(true);
    await leadership.stop();
    expect(leadership.isLeader()).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('createLeadership on a SQLite location is local', () => {
    const leadership = createLeadership({ name: 'sla', location: { kind: 'sqlite', dataDir: '/nonexistent' } });
    leadership.start();
    expect(leadership.isLeader()).toBe(true);
  });
});
