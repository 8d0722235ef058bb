// Settings: appearance, the calendar's default time zone, the X and LinkedIn apps, the media
// relay and token protection, and what this copy of Starling is.
import { LinkedInAppSection } from '../accounts/networks/linkedin-app-section.tsx';
import { BackupsSection } from '../data/backups-section.tsx';
import { ImportSection } from '../data/import-section.tsx';
import { AboutSection } from './about-section.tsx';
import { AnalyticsSection } from './analytics-section.tsx';
import { CalendarZoneSection } from './calendar-zone-section.tsx';
import { RelaySection } from './relay-section.tsx';
import { ThemeSection } from './theme-section.tsx';
import { VaultSection } from './vault-section.tsx';
import { XAppSection } from './x-app-section.tsx';
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
        <XAppSection />
        <LinkedInAppSection />
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
