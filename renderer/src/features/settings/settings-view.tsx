// Settings: appearance, the calendar's default time zone, the apps of the networks that
// sign in through the user's own app (each network's section, listed by the network
// registry, so adding one needs no line here), the media relay and token protection, and
// what this copy of Starling is.
import { networkSettingsSections } from '../accounts/networks/registry.tsx';
import { BackupsSection } from '../data/backups-section.tsx';
import { ImportSection } from '../data/import-section.tsx';
import { AboutSection } from './about-section.tsx';
import { AnalyticsSection } from './analytics-section.tsx';
import { CalendarZoneSection } from './calendar-zone-section.tsx';
import { RelaySection } from './relay-section.tsx';
import { ThemeSection } from './theme-section.tsx';
import { VaultSection } from './vault-section.tsx';
import './settings.css';

export function SettingsView() {
  return (
    <>
      <header className="view-header">
        <h1 tabIndex={-1}>Settings</h1>
      </header>
      <div className="settings">
        <ThemeSection />
        <CalendarZoneSection />
        {networkSettingsSections.map(({ platform, Section }) => (
          <Section key={platform} />
        ))}
        <RelaySection />
        <VaultSection />
        <AnalyticsSection />
        <ImportSection />
        <BackupsSection />
        <AboutSection />
      </div>
    </>
  );
}
