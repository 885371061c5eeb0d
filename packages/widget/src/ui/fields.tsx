/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Form building blocks: every input has a visible label, its error linked through aria-describedby
 * and announced politely, and a `name` equal to its FieldPath (the server-rendered HTML and the
 * hydrated app agree on it, and the embed reads early typing back by it).
 */
import type { ErrorCode } from '@kasa/core';
import type { ComponentChildren } from 'preact';
import type { ErrorTarget, FieldPath, WidgetState } from '../controller/types.ts';
import { errorIdOf, idOf, useErrorText, useUi } from './context.ts';

type TextPath = Exclude<FieldPath, 'invoice.wanted' | `consents.${string}`>;

export function FieldError({ target, code }: { target: ErrorTarget; code: ErrorCode | undefined }) {
  const { t } = useUi();
  const termsRequired = code === 'required' && target === 'consents.terms';
  const text = useErrorText(termsRequired ? undefined : code);
  return (
    <p id={errorIdOf(target)} class="kasa-error" aria-live="polite">
      {termsRequired ? t.termsRequired : (text ?? '')}
    </p>
  );
}

export const describedBy = (...ids: (string | false | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;

export interface TextFieldProps {
  readonly state: WidgetState;
  readonly path: TextPath;
  readonly label: string;
  readonly type?: 'text' | 'email' | 'tel';
  readonly autoComplete: string;
  readonly inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  readonly hint?: string;
  readonly optional?: boolean;
  readonly readOnly?: boolean;
  readonly wide?: boolean;
  readonly onEnter?: () => void;
}

export function TextField(props: TextFieldProps) {
  const { controller, t } = useUi();
  const { state, path, hint, optional = false } = props;
  const error = state.errors[path];
  const hintId = hint ? `${idOf(path)}-hint` : undefined;
  return (
    <div class={props.wide === false ? 'kasa-field kasa-field--narrow' : 'kasa-field'}>
      <label for={idOf(path)}>
        {props.label}
        {optional && <span class="kasa-optional"> {t.optional}</span>}
      </label>
      {hint && (
        <p id={hintId} class="kasa-hint">
          {hint}
        </p>
      )}
      <input
        id={idOf(path)}
        name={path}
        // One literal for the type checker: preact's input typings split by type into unions.
        type={(props.type ?? 'text') as 'text'}
        value={state.form[path]}
        autocomplete={props.autoComplete}
        inputMode={props.inputMode}
        spellcheck={props.type === 'email' ? false : undefined}
        autocapitalize={props.type === 'email' ? 'off' : undefined}
        required={!optional}
        readOnly={props.readOnly}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hintId, errorIdOf(path))}
        onInput={(event) => controller.setField(path, event.currentTarget.value)}
        onBlur={() => controller.blurField(path)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !props.onEnter) return;
          event.preventDefault();
          props.onEnter();
        }}
      />
      <FieldError target={path} code={error} />
    </div>
  );
}

export function Checkbox(props: {
  readonly state: WidgetState;
  readonly path: Exclude<FieldPath, TextPath>;
  readonly children: ComponentChildren;
  readonly required?: boolean;
}) {
  const { controller } = useUi();
  const { state, path } = props;
  const error = state.errors[path];
  return (
    <div class="kasa-check">
      <input
        id={idOf(path)}
        name={path}
        type="checkbox"
        checked={state.form[path]}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={props.required ? errorIdOf(path) : undefined}
        onChange={(event) => controller.setField(path, event.currentTarget.checked)}
      />
      <label for={idOf(path)}>{props.children}</label>
      {props.required && <FieldError target={path} code={error} />}
    </div>
  );
}

/** A section heading at the layout's level; `focusable` lets focus land on it when a step opens. */
export function Heading(props: {
  readonly id: string;
  readonly children: ComponentChildren;
  readonly level?: 2 | 3;
}) {
  const { level } = useUi();
  const Tag = (props.level ?? level) === 2 ? 'h2' : 'h3';
  return <Tag id={props.id}>{props.children}</Tag>;
}
