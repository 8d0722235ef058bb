// The app's name and version, read from package.json so there is one place to bump.
import pkg from '../../package.json' with { type: 'json' };

export const appName = pkg.productName;
export const appVersion = pkg.version;
