/** The deployed build's version (VITE_APP_VERSION at build time, package.json's version otherwise). */
export const appVersion: string = (import.meta.env.VITE_APP_VERSION as string | undefined) ?? 'dev';
