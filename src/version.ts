import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
  homepage: string;
};

export const VERSION = pkg.version;
export const HOMEPAGE = pkg.homepage;
/** arXiv asks for a User-Agent that names the client and a contact. */
export const USER_AGENT = `Paperboy/${VERSION} (+${HOMEPAGE})`;
