/** One labelled input of the OKR editor, with its messages below it, tied by aria-describedby. */
export type FieldMode = 'text' | 'decimal' | 'date' | 'ice' | 'url';

export function OkrField({
  id,
  label,
  mode,
  value,
  errors,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly mode: FieldMode;
  readonly value: string;
  readonly errors: readonly string[];
  readonly onChange: (value: string) => void;
}) {
  const type = { text: 'text', decimal: 'text', date: 'date', ice: 'number', url: 'url' }[mode];
  return (
    <div className={`field field-${mode}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={mode === 'decimal' ? 'decimal' : undefined}
        min={mode === 'ice' ? 1 : undefined}
        max={mode === 'ice' ? 10 : undefined}
        step={mode === 'ice' ? 1 : undefined}
        value={value}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** The messages for a field or group, or nothing. */
export function FieldErrors({ id, errors }: { readonly id: string; readonly errors: readonly string[] }) {
  return errors.length ? (
    <p className="field-error" id={id}>
      {errors.join(' ')}
    </p>
  ) : null;
}
