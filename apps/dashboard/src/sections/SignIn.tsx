import { type FormEvent, useId, useState } from 'react';
import { useLocale } from '../locale.ts';

/** Asks for the merchant token; says so plainly when the previous one was refused. */
export function SignIn({
  expired,
  onSignIn,
}: {
  readonly expired: boolean;
  readonly onSignIn: (token: string) => void;
}) {
  const { m } = useLocale();
  const id = useId();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim();
    if (!token) {
      setMissing(true);
      return;
    }
    onSignIn(token);
  };
  const problem = missing ? m.signIn.required : expired ? m.signIn.unauthorized : null;
  return (
    <section className="sign-in" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.signIn.title}</h2>
      {problem ? (
        <p className="error" role="alert" id={`${id}-problem`}>
          {problem}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <p id={`${id}-intro`}>{m.signIn.intro}</p>
        <label htmlFor={`${id}-token`}>{m.signIn.label}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem ${id}-intro` : `${id}-intro`}
          onChange={(event) => {
            setValue(event.target.value);
            setMissing(false);
          }}
        />
        <button type="submit">{m.signIn.submit}</button>
      </form>
    </section>
  );
}
