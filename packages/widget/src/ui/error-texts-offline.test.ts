// @vitest-environment happy-dom
/** The Polish error texts' chunk cannot be fetched here (as offline): errors still say something. */
import { cleanup, render, waitFor } from '@testing-library/preact';
import { createElement } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import type { WidgetConfig } from '../controller/types.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { makeView } from '../testing/view.ts';
import { App } from './App.tsx';
import { pl } from './messages.ts';

vi.mock('./errors-pl.ts', () => {
  throw new Error('offline');
});

const config: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

afterEach(() => cleanup());

it('shows the general problem text for an error whose text cannot be fetched, never its code', async () => {
  const api = fakeApi(makeView(), () => Date.now());
  const controller = createController({
    state: initialState(api.view, config),
    config,
    fetch: api.fetch,
    eventSource: null,
  });
  render(createElement(App, { controller }));
  controller.chooseShipping('inpost-locker');
  controller.choosePoint('WAW999');
  await controller.idle();
  expect(controller.getState().errors.pickupPoint).toBe('pickup_point_not_found');
  const errorOf = () => document.querySelector('#kasa-pickupPoint-error');
  await waitFor(() => expect(errorOf()?.textContent).toBe(pl.problem));
});
