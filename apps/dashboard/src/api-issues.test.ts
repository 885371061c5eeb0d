import { describe, expect, it } from 'vitest';
import { request } from './api.ts';

const answer = (body: unknown) => async () =>
  new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });

describe('validation issues from the API', () => {
  it("keeps each issue's code beside its split path and message, and leaves it out when the server sent none", async () => {
    const body = {
      error: {
        code: 'body_invalid',
        details: {
          issues: [
            {
              path: 'objectives.0.initiatives.1.ice.ease',
              code: 'ice_range',
              message: 'ICE scores run from 1 to 10',
            },
            { path: 'objectives.0.title', message: 'too short' },
            { path: 'objectives', code: 42, message: 'odd' },
          ],
        },
      },
    };
    const result = await request('/api/analytics/okr', 'tok', { method: 'PUT', body: '{}' }, answer(body));
    expect(result.kind === 'error' ? result.issues : null).toEqual([
      {
        path: ['objectives', 0, 'initiatives', 1, 'ice', 'ease'],
        code: 'ice_range',
        message: 'ICE scores run from 1 to 10',
      },
      { path: ['objectives', 0, 'title'], message: 'too short' },
      { path: ['objectives'], message: 'odd' },
    ]);
  });
});
