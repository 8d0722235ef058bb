// Time-zone helpers shared by the core and the renderer. IANA names are checked with the
// runtime's own ICU data (Intl), the same tables the calendar will convert with.

const zoneCache = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  const known = zoneCache.get(zone);
  if (known !== undefined) return known;
  let valid = false;
  // "UTC" offsets like "+02:00" are accepted by Intl but are not IANA zones; a schedule
  // kept in a fixed offset would drift across daylight-saving changes.
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
  }
  zoneCache.set(zone, valid);
  return valid;
}

/** Every IANA zone the runtime knows, for pickers. */
export function listTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
