/**
 * The part of React's API the widget uses, on Preact core and hooks: what the browser bundle
 * aliases `react` to. preact/compat would bring all of React's surface (about 1.5 kB gzip more),
 * which the 30 kB budget cannot spare; the server renders with preact/compat through the same
 * imports, so both produce the same markup.
 */
import { Component, createContext, createElement, Fragment, type FunctionComponent } from 'preact';
import { useContext, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';

export type { RefObject } from 'preact';
export {
  createContext,
  createElement,
  Fragment,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
};

/**
 * React 18's store subscription, small: re-render when the snapshot changes. A change renders in a
 * task of its own (as React's concurrent rendering would), not in the task of the click or key that
 * caused it: on a slow phone the input's handlers and the re-render together can pass 50 ms.
 */
export function useSyncExternalStore<T>(
  subscribe: (onChange: () => void) => () => void,
  getSnapshot: () => T,
): T {
  const value = getSnapshot();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const latest = useRef(value);
  latest.current = value;
  useLayoutEffect(() => {
    const check = () => {
      if (!Object.is(latest.current, getSnapshot())) rerender(0);
    };
    check();
    return subscribe(() => setTimeout(check));
  }, [subscribe, getSnapshot]);
  return value;
}

/** React.memo: skips re-rendering while `equal(previous, next)` holds. */
export function memo<P extends object>(
  render: FunctionComponent<P>,
  equal: (previous: P, next: P) => boolean,
) {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !equal(this.props as P, next);
    }
    override render() {
      return createElement(render, this.props as P);
    }
  };
}
