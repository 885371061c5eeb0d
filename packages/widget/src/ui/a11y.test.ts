// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import axe from 'axe-core';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WidgetConfig } from '../controller/types.ts';
import { fillLocker, setup } from '../testing/setup.ts';
import { App } from './App.tsx';

afterEach(cleanup);

/** axe-core on the rendered widget; contrast needs real layout, so the e2e run in Chromium checks it. */
async function violations(container: Element) {
  const result = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function renderApp(config: Partial<WidgetConfig> = {}) {
  const harness = setup({ config: { termsUrl: 'https://shop.test/regulamin', ...config } });
  return { ...harness, screen: render(createElement(App, { controller: harness.controller })) };
}

describe('accessibility (axe-core)', () => {
  it('one-page, with errors shown', async () => {
    const { screen } = renderApp();
    fireEvent.click(screen.getByLabelText(/Kurier DPD/));
    fireEvent.click(screen.getByLabelText('Chcę fakturę na firmę'));
    fireEvent.click(screen.getByRole('button', { name: 'Kupuję i płacę' }));
    expect(await violations(screen.container)).toEqual([]);
  });

  it('multi-step, every step', async () => {
    const { screen, controller } = renderApp({ layout: 'multi-step' });
    expect(await violations(screen.container)).toEqual([]);
    fillLocker(controller);
    await controller.searchPoints('31-154');
    controller.goToStep(2);
    expect(await violations(screen.container)).toEqual([]);
    controller.goToStep(3);
    expect(await violations(screen.container)).toEqual([]);
  });
});
