// Theme: follow the system, or force light or dark. Applies at once.
import { themes, type Theme } from '../../../../shared/app.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import { showError } from '../../app/toasts/toast-store.ts';

const labels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSection() {
  const theme = usePreferences((s) => s.preferences.theme);
  const update = usePreferences((s) => s.update);

  async function choose(next: Theme) {
    const result = await update({ theme: next });
    if (!result.ok) showError(result.error.message);
  }

  return (
    <section className="settings-section panel" aria-labelledby="appearance-heading">
      <div className="settings-section-text">
        <h2 id="appearance-heading">Appearance</h2>
        <p>System follows your operating system’s light or dark setting.</p>
      </div>
      <fieldset className="segmented">
        <legend className="visually-hidden">Theme</legend>
        {themes.map((option) => (
          <label key={option} className="segmented-option">
            <input
              type="radio"
              className="overlay-input"
              name="theme"
              value={option}
              checked={theme === option}
              onChange={() => {
                void choose(option);
              }}
            />
            <span>{labels[option]}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
