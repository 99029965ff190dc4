import manifest from '../package.json' with { type: 'json' };

/** The workbench's version, from package.json (bundled into the built server). */
export const APP_VERSION: string = manifest.version;
