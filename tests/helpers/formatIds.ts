import { createHash, createPublicKey, verify } from 'node:crypto';

/**
 * The ids FORMAT.md derives from keys and installations, and the Ed25519 check the reader uses,
 * worked out from the text alone (the reader's own, not the app's code): *Installation ids*,
 * a laptop's proof, *Row ids*.
 */

export const publicKey = (crv: 'X25519' | 'Ed25519', b64Raw: string) =>
  createPublicKey({ key: { kty: 'OKP', crv, x: Buffer.from(b64Raw, 'base64').toString('base64url') }, format: 'jwk' });

/** FORMAT.md, *Installation ids*: the id an installation set up by schema 23 or later derives from its key. */
export function derivedInstallationId(rawPub: string): string {
  const d = createHash('sha256').update(Buffer.from('township-ledger installation id v1', 'ascii')).update(Buffer.from([0])).update(Buffer.from(rawPub, 'base64')).digest().subarray(0, 16);
  d[6] = (d[6]! & 0x0f) | 0x80;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const h = d.toString('hex');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
}

/** FORMAT.md, *Row ids*: the 18 characters every row id made by installation `installationId` begins with. */
export function rowIdPrefix(installationId: string): string {
  const digits = [...createHash('sha256').update(Buffer.concat([Buffer.from('township-ledger row id v1', 'ascii'), Buffer.from([0]), Buffer.from(installationId, 'utf8')])).digest('hex').slice(0, 16)];
  digits[12] = '8';
  return `${digits.slice(0, 8).join('')}-${digits.slice(8, 12).join('')}-${digits.slice(12, 16).join('')}`;
}

/** FORMAT.md, *Installation ids*: whether a laptop's proof proves its claim. */
export function laptopClaimProven(c: { installationId: string; villageId: string; townshipCode: string; publicKey: string }, proof: string): boolean {
  const text = ['township-ledger village laptop v1', c.installationId, c.villageId, c.townshipCode, c.publicKey].join('\n');
  return c.installationId === derivedInstallationId(c.publicKey) && ed25519Verifies(c.publicKey, Buffer.from(text, 'utf8'), Buffer.from(proof, 'base64'));
}

export function ed25519Verifies(rawPub: string, message: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, message, publicKey('Ed25519', rawPub), signature);
  } catch {
    return false;
  }
}
