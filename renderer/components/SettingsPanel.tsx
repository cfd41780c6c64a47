import type { ReactNode } from 'react';

/** One panel of the Settings screen: a region named by its heading. */
export function SettingsPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel settings-panel" aria-labelledby={id}>
      <h3 id={id} className="panel-heading">
        {title}
      </h3>
      {children}
    </section>
  );
}
