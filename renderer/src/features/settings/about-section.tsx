// About: version, host, data folder and the database's applied migrations.
import type { HostKind } from '../../../../shared/app.ts';
import { usePreferences } from '../../app/preferences-store.ts';

const hostLabels: Record<HostKind, string> = {
  electron: 'Desktop app',
  browser: 'Browser (starling serve)',
  cli: 'Command line',
};

export function AboutSection() {
  const info = usePreferences((s) => s.info);
  const infoError = usePreferences((s) => s.infoError);
  return (
    <section className="settings-section panel" aria-labelledby="about-heading">
      <div className="settings-section-text">
        <h2 id="about-heading">About</h2>
        <p>Everything Starling stores stays in the data folder on this computer.</p>
      </div>
      {info === null ? (
        <p className={infoError === null ? 'muted' : 'about-error'} role="status">
          {infoError ?? 'Loading…'}
        </p>
      ) : (
        <dl className="about-list">
          <div>
            <dt>Version</dt>
            <dd>
              {info.name} {info.version}
            </dd>
          </div>
          <div>
            <dt>Running as</dt>
            <dd>{hostLabels[info.host]}</dd>
          </div>
          <div>
            <dt>Data folder</dt>
            <dd>
              <code className="path">{info.dataDir}</code>
            </dd>
          </div>
          <div>
            <dt>Database</dt>
            <dd>
              {info.migrations.length === 1
                ? '1 migration applied'
                : `${String(info.migrations.length)} migrations applied`}
              {info.migrations.length > 0 && (
                <details className="migrations">
                  <summary>Show migrations</summary>
                  <ol>
                    {info.migrations.map((name) => (
                      <li key={name}>
                        <code>{name}</code>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
