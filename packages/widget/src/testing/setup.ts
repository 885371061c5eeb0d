/** A controller wired to the fake API, an in-memory store and an event log, for tests. */
import { type CheckoutView, shopperMessagesPl } from '@kasa/core';
import { vi } from 'vitest';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import { memoryStorage } from '../controller/storage.ts';
import type { RestoredValues, WidgetConfig, WidgetEvent } from '../controller/types.ts';
import { provideErrorTexts } from '../ui/error-texts.ts';
import { provideRare } from '../ui/later.ts';
import * as rare from '../ui/rare.tsx';
import { loadWords } from '../ui/words.ts';

// Tests render every view and error text at once, as the server does.
provideRare(rare);
provideErrorTexts(shopperMessagesPl);

import { fakeApi } from './fake-api.ts';
import { makeView } from './view.ts';

export const T0 = 1_700_000_000_000;

export interface SetupOptions {
  readonly view?: CheckoutView;
  readonly config?: Partial<WidgetConfig>;
  readonly storage?: ReturnType<typeof memoryStorage>;
  readonly restored?: RestoredValues;
  readonly api?: ReturnType<typeof fakeApi>;
}

export function setup(options: SetupOptions = {}) {
  const config: WidgetConfig = {
    api: 'https://kasa.test',
    layout: 'one-page',
    locale: 'pl',
    ...options.config,
  };
  const api = options.api ?? fakeApi(options.view ?? makeView(), () => Date.now());
  const storage = options.storage ?? memoryStorage();
  const events: WidgetEvent[] = [];
  const navigate = vi.fn();
  const controller = createController({
    state: initialState(api.view, config, options.restored),
    config,
    fetch: api.fetch,
    storage,
    onEvent: (event) => events.push(event),
    eventSource: null,
    navigate,
    loadWords,
  });
  return { controller, api, storage, events, navigate, config };
}

type Controller = ReturnType<typeof setup>['controller'];

/** Types into a field and leaves it, as a shopper does. */
export function type(
  controller: Controller,
  path: Parameters<Controller['setField']>[0],
  value: string,
): void {
  controller.setField(path, value as never);
  controller.blurField(path);
}

export const SHOPPER = {
  email: 'zofia.nowak@example.pl',
  phone: '601 234 567',
  firstName: 'Zofia',
  lastName: 'Nowakowska',
  street: 'Ogrodowa',
  buildingNumber: '52a',
  flatNumber: '9c',
  postcode: '62-262',
  city: 'Uniegoszcz',
  nip: '1234563218',
  companyName: 'Pracownia Zofii',
} as const;

export function fillContact(controller: Controller): void {
  type(controller, 'email', SHOPPER.email);
  type(controller, 'phone', SHOPPER.phone);
  type(controller, 'firstName', SHOPPER.firstName);
  type(controller, 'lastName', SHOPPER.lastName);
}

export function fillLocker(controller: Controller): void {
  fillContact(controller);
  controller.chooseShipping('inpost-locker');
  controller.choosePoint('KRA010');
}

export function fillCourier(controller: Controller): void {
  fillContact(controller);
  controller.chooseShipping('dpd');
  type(controller, 'address.street', SHOPPER.street);
  type(controller, 'address.buildingNumber', SHOPPER.buildingNumber);
  type(controller, 'address.flatNumber', SHOPPER.flatNumber);
  type(controller, 'address.postcode', SHOPPER.postcode);
  type(controller, 'address.city', SHOPPER.city);
}
