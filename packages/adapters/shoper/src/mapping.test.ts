import type { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { pickStatuses, plnIdOf } from './mapping.ts';
import { currencySchema, statusSchema } from './rest/schemas.ts';

const status = (status_id: number, type: number, name: string, extra: Record<string, unknown> = {}) =>
  statusSchema.parse({ status_id, type, active: '1', translations: { pl_PL: { name } }, ...extra });

const statuses = [
  status(1, 1, 'Złożone', { default: 1 }),
  status(2, 2, 'Przyjęte do realizacji'),
  status(3, 2, 'Opłacone'),
  status(4, 3, 'Wysłane'),
  status(5, 4, 'Anulowane'),
  status(6, 1, 'Oczekuje na płatność'),
];

describe('the shop’s ids', () => {
  it('chooses statuses by type and name when none are configured', () => {
    expect(pickStatuses(statuses, {})).toEqual({ unpaid: 1, paid: 3, cancelled: 5 });
  });

  it('keeps configured statuses', () => {
    expect(pickStatuses(statuses, { unpaid: 6, paid: 2, cancelled: 4 })).toEqual({
      unpaid: 6,
      paid: 2,
      cancelled: 4,
    });
  });

  it('names statusIds when the shop has no status of a needed type', () => {
    try {
      pickStatuses([status(1, 1, 'Nowe')], {});
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as KasaError).code).toBe('platform_config_invalid');
      expect(JSON.stringify((error as KasaError).details)).toContain('shoper.statusIds');
    }
  });

  it('finds PLN and refuses a shop without it', () => {
    const currencies = [
      currencySchema.parse({ currency_id: '2', name: 'EUR' }),
      currencySchema.parse({ currency_id: '1', name: 'PLN' }),
    ];
    expect(plnIdOf(currencies)).toBe(1);
    expect(() => plnIdOf(currencies.slice(0, 1))).toThrow();
  });
});
