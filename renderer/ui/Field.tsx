/** A labelled form control: the label names the control by id, so clicks and screen readers reach it. */
import type { ReactNode } from 'react';

export function Field({ id, label, children }: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}
