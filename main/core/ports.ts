// The ports the core is built from. The Electron shell, the browser host, the CLI and
// the tests each pass their own adapters; nothing in the core reaches for globals.

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  now(): number;
}

/** Encrypts secrets at rest: safeStorage in Electron, a passphrase-derived key headless. */
export interface Cipher {
  isAvailable(): boolean;
  encrypt(plaintext: string): Uint8Array;
  decrypt(ciphertext: Uint8Array): string;
}

/** Small JSON preferences: electron-store in the app, a JSON file elsewhere. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
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
}
