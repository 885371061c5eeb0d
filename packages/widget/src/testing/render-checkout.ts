/**
 * A checkout over the fake API, rendered into the test's document, without the side effects of
 * setup.ts: the error texts are left for the widget to fetch, as a browser does.
 */
import { render } from '@testing-library/preact';
import { createElement } from 'react';
import { createController } from '../controller/controller.ts';
import { initialState } from '../controller/state.ts';
import type { WidgetConfig } from '../controller/types.ts';
import { App } from '../ui/App.tsx';
import { fakeApi } from './fake-api.ts';
import { makeView } from './view.ts';

export function renderCheckout(config: WidgetConfig) {
  const api = fakeApi(makeView(), () => Date.now());
  const controller = createController({
    state: initialState(api.view, config),
    config,
    fetch: api.fetch,
    eventSource: null,
  });
  render(createElement(App, { controller }));
  return controller;
}
