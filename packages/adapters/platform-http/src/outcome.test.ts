import { describe, expect, it } from 'vitest';
import { parseBody, replyOf } from './answer.ts';
import { networkAnswerOf } from './outcome.ts';

describe('networkAnswerOf', () => {
  it('reads fetch, axios and abort errors, and knows which never left the machine', () => {
    const fetchReset = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    expect(networkAnswerOf(fetchReset, false)).toEqual({
      kind: 'network',
      timeout: false,
      message: 'ECONNRESET',
      neverSent: false,
    });
    const axiosTimeout = Object.assign(new Error('timeout of 50ms exceeded'), { code: 'ECONNABORTED' });
    expect(networkAnswerOf(axiosTimeout, false)).toMatchObject({
      timeout: true,
      message: 'timeout',
      neverSent: false,
    });
    const unknownHost = Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' });
    expect(networkAnswerOf(unknownHost, false)).toMatchObject({
      timeout: false,
      message: 'ENOTFOUND',
      neverSent: true,
    });
    expect(networkAnswerOf(new DOMException('x', 'TimeoutError'), false)).toMatchObject({ timeout: true });
    expect(networkAnswerOf(new Error('socket hang up'), false)).toMatchObject({ message: 'socket hang up' });
    expect(networkAnswerOf(new Error('anything'), true)).toMatchObject({ timeout: true, message: 'timeout' });
  });
});

describe('parseBody and replyOf', () => {
  it('parse JSON when it is JSON and keep text otherwise', async () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('<html>')).toBe('<html>');
    expect(parseBody('')).toBeUndefined();
    const reply = await replyOf(new Response('{"a":1}', { status: 201, headers: { 'Retry-After': '2' } }));
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ a: 1 });
    expect(reply.header('retry-after')).toBe('2');
    expect((await replyOf(new Response('{"a":1}'), 'text')).body).toBe('{"a":1}');
  });
});
