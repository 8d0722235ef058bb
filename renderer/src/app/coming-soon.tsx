// Placeholder panel for views that are planned but not built yet.
import type { ReactNode } from 'react';

interface ComingSoonProps {
  title: string;
  summary: string;
  plans: string[];
  icon: ReactNode;
}

export function ComingSoon({ title, summary, plans, icon }: ComingSoonProps) {
  return (
    <>
      <header className="view-header">
        <h1 tabIndex={-1}>{title}</h1>
      </header>
      <section className="coming-soon panel" aria-labelledby="coming-soon-heading">
        <div className="coming-soon-icon" aria-hidden="true">
          {icon}
        </div>
        <h2 id="coming-soon-heading">Coming soon</h2>
        <p className="coming-soon-summary">{summary}</p>
        <ul className="coming-soon-plans">
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
