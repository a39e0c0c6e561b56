import { describe, expect, it } from 'vitest';
import { foreignKeyOrder } from '../../src/storage/foreign-key-order.js';

describe('foreign-key order of tables', () => {
  it('puts every parent before its children and otherwise keeps the given order', () => {
    const parents = new Map([
      ['feedback', ['messages', 'conversations']],
      ['messages', ['conversations']],
      ['ticket_events', ['tickets']],
    ]);
    expect(foreignKeyOrder(['feedback', 'ticket_events', 'audit_log', 'messages', 'tickets', 'conversations'], parents)).toEqual([
      'conversations',
      'messages',
      'feedback',
      'tickets',
      'ticket_events',
      'audit_log',
    ]);
  });

  it('ignores self-references and references to tables outside the list', () => {
    expect(foreignKeyOrder(['b', 'a'], new Map([['b', ['b', 'elsewhere']], ['a', ['a']]]))).toEqual(['b', 'a']);
  });

  it('names the tables of a cycle', () => {
    expect(() => foreignKeyOrder(['a', 'b', 'c'], new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toThrow('Foreign keys form a cycle: a → b → c → a');
  });
});
