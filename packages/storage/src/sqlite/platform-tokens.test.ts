import { describe, expect, it } from 'vitest';
import { openSqlite } from './database.ts';
import { createSqlitePlatformTokens } from './platform-tokens.ts';

describe('platform tokens in SQLite', () => {
  it('keeps the newest token per holder across a reopened database', () => {
    const db = openSqlite(':memory:');
    const tokens = createSqlitePlatformTokens(db);
    expect(tokens.get('shoper:app-1')).toBeUndefined();
    tokens.put('shoper:app-1', 'refresh-1');
    tokens.put('shoper:app-1', 'refresh-2');
    tokens.put('shoper:app-2', 'other');
    const again = createSqlitePlatformTokens(db);
    expect(again.get('shoper:app-1')).toBe('refresh-2');
    expect(again.get('shoper:app-2')).toBe('other');
    again.drop('shoper:app-1');
    expect(tokens.get('shoper:app-1')).toBeUndefined();
    expect(tokens.get('shoper:app-2')).toBe('other');
  });
});
