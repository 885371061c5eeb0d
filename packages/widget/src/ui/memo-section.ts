import { type FunctionComponent, memo } from 'react';
import type { WidgetState } from '../controller/types.ts';

type Props = { readonly state: WidgetState };

/**
 * A form section that re-renders only when the parts of the state it shows change (choosing a
 * delivery option need not re-render the contact fields). `extra` names what else it reads,
 * including its own form fields: typing changes `state.form` quietly, so comparing the whole form
 * would re-render every section at the next visible change.
 */
export function memoSection<P extends Props>(
  section: FunctionComponent<P>,
  extra: (state: WidgetState) => readonly unknown[] = () => [],
) {
  const parts = (state: WidgetState) => [
    state.errors,
    state.checkout,
    state.focus,
    state.locale,
    ...extra(state),
  ];
  return memo(section, (previous: P, next: P) => {
    const before = parts(previous.state);
    const after = parts(next.state);
    return (
      Object.keys(previous).every(
        (key) => key === 'state' || previous[key as keyof P] === next[key as keyof P],
      ) && before.every((part, index) => Object.is(part, after[index]))
    );
  }) as unknown as FunctionComponent<P>;
}
