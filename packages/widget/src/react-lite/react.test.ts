// @vitest-environment happy-dom
import { createElement, render } from 'preact';
import { expect, it } from 'vitest';
import { useSyncExternalStore } from './react.ts';

it('renders a store change in a task of its own, not in the task that made it', async () => {
  let value = 1;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const getSnapshot = () => value;
  const Shown = () => createElement('p', null, useSyncExternalStore(subscribe, getSnapshot));
  const root = document.createElement('div');
  render(createElement(Shown, null), root);
  expect(root.textContent).toBe('1');

  value = 2;
  for (const listener of listeners) listener();
  await Promise.resolve();
  expect(root.textContent).toBe('1');
  await new Promise((resolve) => setTimeout(resolve));
  await Promise.resolve();
  expect(root.textContent).toBe('2');
  render(null, root);
});
