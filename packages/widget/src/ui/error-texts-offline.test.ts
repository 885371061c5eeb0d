// @vitest-environment happy-dom
/** The Polish error texts' chunk cannot be fetched here (as offline): errors still say something. */
import { cleanup, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import type { WidgetConfig } from '../controller/types.ts';
import { renderCheckout } from '../testing/render-checkout.ts';
import { pl } from './messages.ts';

vi.mock('./errors-pl.ts', () => {
  throw new Error('offline');
});

const config: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

afterEach(() => cleanup());

it('shows the general problem text for an error whose text cannot be fetched, never its code', async () => {
  const controller = renderCheckout(config);
  controller.chooseShipping('inpost-locker');
  controller.choosePoint('WAW999');
  await controller.idle();
  expect(controller.getState().errors.pickupPoint).toBe('pickup_point_not_found');
  const errorOf = () => document.querySelector('#kasa-pickupPoint-error');
  await waitFor(() => expect(errorOf()?.textContent).toBe(pl.problem));
});
