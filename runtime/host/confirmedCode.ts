/**
 * The one check that a plugin module's code is the code the user confirmed. The engine worker
 * calls {@link changeSinceConfirmed} on the very text it then imports (never on a fetch
 * followed by a separate import) and says in its own words what it did not run.
 */
import { sha256Hex } from '../compile/hash.ts';

/**
 * How `code` differs from the code the user confirmed, as the clause both messages use
 * ("changed since it was confirmed (SHA-256 1a2b… then, 3c4d… now)"); `undefined` when it is
 * the same code.
 * @param code - the module's code as fetched now.
 * @param confirmedSha256 - hex SHA-256 of the code the user confirmed.
 */
export function changeSinceConfirmed(code: string, confirmedSha256: string): string | undefined {
  const now = sha256Hex(code);
  if (now === confirmedSha256) return undefined;
  return `changed since it was confirmed (SHA-256 ${confirmedSha256.slice(0, 12)}… then, ${now.slice(0, 12)}… now)`;
}
