// The ports the core is built from. The Electron shell, the browser host, the CLI and
// the tests each pass their own adapters; nothing in the core reaches for globals.
import type { XRoute } from './platforms/x/x-agent.ts';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  now(): number;
}

/** How stored secrets are protected on this machine, as the vault reports it. */
export interface CipherStatus {
  /** Secrets can be stored now (protected by the OS or a passphrase, or weakly by consent). */
  available: boolean;
  /** Why the OS (or passphrase) protection is missing, and what to do; null when it works. */
  reason: string | null;
  /** Secrets are stored under a key kept in a file only this user can read. */
  weakProtectionAccepted: boolean;
  /** acceptWeakProtection() would work here (desktop app, no keychain, no older key). */
  canAcceptWeakProtection: boolean;
}

/**
 * Encrypts secrets at rest: a key wrapped by safeStorage in Electron, a passphrase-derived
 * key headless. encrypt/decrypt throw AppFailure ENCRYPTION_UNAVAILABLE when locked.
 */
export interface Cipher {
  status(): CipherStatus;
  /**
   * Where the OS offers no keychain, the user's explicit consent to keep the key in a
   * file readable only by them. Remembered across starts. Throws ENCRYPTION_UNAVAILABLE
   * where it is not offered (see status().canAcceptWeakProtection).
   */
  acceptWeakProtection(): CipherStatus;
  encrypt(plaintext: string): Uint8Array;
  decrypt(ciphertext: Uint8Array): string;
}

/** Small JSON preferences: electron-store in the app, a JSON file elsewhere. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Timers the scheduler arms; tests pass ones they fire by hand. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Whether X can be reached right now (the scheduler holds jobs while it cannot). */
export interface NetworkStatus {
  isOnline(): Promise<boolean>;
}

export interface Ports {
  logger: Logger;
  clock: Clock;
  cipher: Cipher;
  preferences: KeyValueStore;
  /** Makes a new sortable id. */
  newId: () => string;
  /** The machine's IANA time zone, used as the default for new clients. */
  localTimeZone: string;
  /** How X API calls leave the process (x-agent.ts). The core destroys its agent on close. */
  xRoute: XRoute;
  /**
   * Opens a URL in the system browser; false when this host cannot (the browser host,
   * `--no-browser`) and the caller must show the URL instead.
   */
  openUrl(url: string): Promise<boolean>;
  /**
   * Desktop app: the system's open-file dialog for media, run in the main process; the
   * paths it returns are the only ones a window can have imported. Absent elsewhere.
   */
  pickMediaFiles?: () => Promise<string[]>;
  /**
   * Prints a self-contained HTML page to PDF. The desktop app uses Electron's own
   * Chromium; elsewhere a headless system Chromium is spawned (analytics/report-pdf.ts).
   */
  printPdf?: (html: string) => Promise<Buffer>;
  /** The desktop's dialog for one CSV to import (null: cancelled). Absent elsewhere. */
  pickCsvFile?: () => Promise<string | null>;
  /** Default: real timers. */
  timers?: Timers;
  /** Default: any network with a fixed host answers (scheduler/network-probe.ts). */
  network?: NetworkStatus;
}
