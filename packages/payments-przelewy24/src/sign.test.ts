import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  blikNotificationSign,
  notificationSign,
  refundNotificationSign,
  registerSign,
  signMatches,
  signPayload,
  verifySign,
} from './sign.ts';

const sha384 = (text: string) => createHash('sha384').update(text, 'utf8').digest('hex');

describe('P24 sign serialisation', () => {
  it('serialises the register fields exactly as the documentation’s worked example string', () => {
    // The literal JSON string of the "Calculating Sign" section (Python example) of P24's OpenAPI 1.0.16.
    const documented =
      '{"sessionId":"sessionId","merchantId":999999,"amount":1000,"currency":"PLN","crc":"crc"}';
    const fields = { sessionId: 'sessionId', merchantId: 999999, amount: 1000, currency: 'PLN' };
    expect(signPayload(fields, 'crc')).toBe(documented);
    expect(registerSign(fields, 'crc')).toBe(sha384(documented));
  });

  it('puts the register fields in the documented order whatever order the caller gives', () => {
    const reordered = { currency: 'PLN', amount: 1234, merchantId: 999999, sessionId: 'unique-session-id' };
    expect(registerSign(reordered, 'crc-z-panelu-p24')).toBe(
      sha384(
        '{"sessionId":"unique-session-id","merchantId":999999,"amount":1234,"currency":"PLN","crc":"crc-z-panelu-p24"}',
      ),
    );
  });

  it('keeps merchantId and amount as JSON numbers, not strings', () => {
    expect(registerSign({ sessionId: 's', merchantId: 1, amount: 5, currency: 'PLN' }, 'c')).not.toBe(
      sha384('{"sessionId":"s","merchantId":"1","amount":"5","currency":"PLN","crc":"c"}'),
    );
  });

  it('leaves slashes and Polish letters unescaped (JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)', () => {
    const payload = signPayload({ statement: 'Zamówienie 12/2026 – żółć' }, 'k');
    expect(payload).toBe('{"statement":"Zamówienie 12/2026 – żółć","crc":"k"}');
  });

  it('signs verify over sessionId, orderId, amount, currency in that order', () => {
    expect(
      verifySign({ currency: 'PLN', amount: 1234, orderId: 999999, sessionId: 'unique-session-id' }, 'x'),
    ).toBe(
      sha384('{"sessionId":"unique-session-id","orderId":999999,"amount":1234,"currency":"PLN","crc":"x"}'),
    );
  });

  it('signs the transaction notification over its nine documented fields in order', () => {
    const n = {
      statement: 'p24-A1-B2-C3',
      methodId: 181,
      orderId: 300_000_001,
      currency: 'PLN',
      originAmount: 4999,
      amount: 4999,
      sessionId: 'pay_1',
      posId: 11,
      merchantId: 11,
    };
    expect(notificationSign(n, 'crc')).toBe(
      sha384(
        '{"merchantId":11,"posId":11,"sessionId":"pay_1","amount":4999,"originAmount":4999,"currency":"PLN","orderId":300000001,"methodId":181,"statement":"p24-A1-B2-C3","crc":"crc"}',
      ),
    );
  });

  it('signs the BLIK result with the result object as received', () => {
    const result = { error: '0', message: 'success', status: 'AUTHORIZED', trxRef: 'T1' };
    expect(blikNotificationSign({ result, method: 181, sessionId: 's', orderId: 7 }, 'c')).toBe(
      sha384(
        '{"orderId":7,"sessionId":"s","method":181,"result":{"error":"0","message":"success","status":"AUTHORIZED","trxRef":"T1"},"crc":"c"}',
      ),
    );
  });

  it('signs the refund notification over its documented fields', () => {
    const n = {
      status: 0,
      currency: 'PLN',
      amount: 100,
      merchantId: 11,
      refundsUuid: 'u',
      sessionId: 's',
      orderId: 7,
    };
    expect(refundNotificationSign(n, 'c')).toBe(
      sha384(
        '{"orderId":7,"sessionId":"s","refundsUuid":"u","merchantId":11,"amount":100,"currency":"PLN","status":0,"crc":"c"}',
      ),
    );
  });

  it('matches a sign whatever the hex case, and refuses a wrong or missing one', () => {
    const sign = registerSign({ sessionId: 's', merchantId: 1, amount: 1, currency: 'PLN' }, 'c');
    expect(signMatches(sign.toUpperCase(), sign)).toBe(true);
    const other = sign.endsWith('0') ? '1' : '0';
    expect(signMatches(`${sign.slice(0, -1)}${other}`, sign)).toBe(false);
    expect(signMatches(undefined, sign)).toBe(false);
    expect(signMatches('abc', sign)).toBe(false);
  });
});
