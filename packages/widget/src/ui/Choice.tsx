/** @jsxRuntime automatic @jsxImportSource react */
import type { ComponentChildren } from 'preact';
import { memo } from 'react';
import type { ChoiceField, WidgetState } from '../controller/types.ts';
import { errorIdOf } from './context.ts';
import { FieldError } from './fields.tsx';

/** A radio group in a fieldset with a legend; its error is linked to every radio. */
export function ChoiceGroup(props: {
  readonly state: WidgetState;
  readonly name: ChoiceField;
  readonly legend: string;
  readonly children: ComponentChildren;
}) {
  return (
    <fieldset class="kasa-group kasa-choices">
      <legend>{props.legend}</legend>
      {props.children}
      <FieldError target={props.name} code={props.state.errors[props.name]} />
    </fieldset>
  );
}

interface ChoiceProps {
  readonly state: WidgetState;
  readonly name: ChoiceField;
  readonly value: string;
  readonly checked: boolean;
  readonly onChoose: () => void;
  readonly title: ComponentChildren;
  readonly detail?: ComponentChildren;
  readonly amount?: string;
  readonly disabled?: boolean;
  readonly children?: ComponentChildren;
}

/** One radio with its label: a main line, an optional detail line and an amount on the right. */
function ChoiceRow(props: ChoiceProps) {
  const error = props.state.errors[props.name];
  return (
    <div class={props.checked ? 'kasa-choice kasa-choice--on' : 'kasa-choice'}>
      <label class="kasa-choice-label">
        <input
          type="radio"
          name={props.name}
          value={props.value}
          checked={props.checked}
          disabled={props.disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorIdOf(props.name) : undefined}
          onChange={props.onChoose}
        />
        <span class="kasa-choice-text">
          <span class="kasa-choice-title">{props.title}</span>
          {props.detail && <span class="kasa-choice-detail">{props.detail}</span>}
        </span>
        {props.amount && <span class="kasa-choice-amount">{props.amount}</span>}
      </label>
      {props.checked && props.children}
    </div>
  );
}

/**
 * A list of points or options re-renders only the rows that change (the one chosen and the one left):
 * `onChoose` is a fresh closure every render but always chooses the same value, so it is not compared.
 */
export const Choice = memo(
  ChoiceRow,
  (a, b) =>
    a.value === b.value &&
    a.name === b.name &&
    a.checked === b.checked &&
    a.disabled === b.disabled &&
    a.title === b.title &&
    a.detail === b.detail &&
    a.amount === b.amount &&
    a.children === b.children &&
    a.state.errors[a.name] === b.state.errors[b.name],
);
