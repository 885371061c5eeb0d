/** @jsxRuntime automatic @jsxImportSource react */
import type { Step } from '../controller/types.ts';
import { useUi } from './context.ts';

/** Multi-step progress: an ordered list, the current step marked with aria-current; earlier steps are links back. */
export function Steps({ step, locked }: { readonly step: Step; readonly locked: boolean }) {
  const { t, controller } = useUi();
  return (
    <nav class="kasa-steps" aria-label={t.steps}>
      <ol>
        {t.stepNames.map((name, index) => {
          const n = (index + 1) as Step;
          const state = n === step ? 'current' : n < step ? 'done' : 'todo';
          return (
            <li
              key={name}
              class={`kasa-step kasa-step--${state}`}
              aria-current={n === step ? 'step' : undefined}
            >
              {n < step && !locked ? (
                <button type="button" class="kasa-link" onClick={() => controller.goToStep(n)}>
                  <span class="kasa-step-number">{n}</span> <span>{name}</span>
                </button>
              ) : (
                <span>
                  <span class="kasa-step-number">{n}</span> {name}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
