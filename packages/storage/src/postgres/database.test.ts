import { describe, expect, it } from 'vitest';
import { prepared } from './database.ts';
import { postgresSchemasForTests, postgresUrlForTests } from './test-url.ts';

describe('prepared', () => {
  it('names a statement by its text: the same text the same name, another text another', () => {
    const doubled = prepared('SELECT $1::int * 2 AS n', [1]);
    expect(prepared('SELECT $1::int * 2 AS n', [2]).name).toBe(doubled.name);
    expect(prepared('SELECT $1::int * 3 AS n', [1]).name).not.toBe(doubled.name);
  });
});

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'prepared');

  describe('prepared on PostgreSQL', () => {
    it("prepares a statement once per connection and runs it with each call's values", async () => {
      const client = await (await freshPool()).connect();
      try {
        const text = 'SELECT $1::int * 2 AS doubled';
        expect((await client.query(prepared(text, [2]))).rows).toEqual([{ doubled: 4 }]);
        expect((await client.query(prepared(text, [5]))).rows).toEqual([{ doubled: 10 }]);
        const { rows } = await client.query('SELECT name FROM pg_prepared_statements WHERE statement = $1', [
          text,
        ]);
        expect(rows).toEqual([{ name: prepared(text).name }]);
      } finally {
        client.release();
      }
    });
  });
}
