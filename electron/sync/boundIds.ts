import { createHash, createPrivateKey, sign, verify } from 'node:crypto';
import { publicEd25519 } from './keys';

/**
 * Installation ids bound to the installation's signing key, and a 驻村版 laptop's signed claim to
 * its village (FORMAT.md, "Installation ids" and "Rows entered in the village").
 *
 * A district pins each installation id to one township and key for good, and a township's bundle
 * vouches for its laptops by id and key. While ids were random and a vouch was the township's
 * word alone, a township holding a valid key could vouch, before another township's first
 * bundle, for that township's PC id or public key (both travel in every bundle's header) or for
 * one of its laptops, and the real one was refused from then on (red team, session 37). Now:
 *   - an installation set up by this version takes the id derived from its own public key, so
 *     an id of that form can be claimed only with the key it comes from;
 *   - a laptop signs, with its own key, which village of which township it belongs to; the
 *     township forwards that proof with its vouch, and the district takes a laptop it has not
 *     pinned yet only with a proof that verifies and an id derived from the proving key.
 * A township can then vouch only for laptops whose keys it was shown to hold, for the village
 * and township the laptop itself named, and no id or key of an installation set up so can be
 * taken over. An installation set up before keeps its random id and the rules it had: a laptop
 * of that kind is still vouched on its township's word (unprovenLaptopPin), never against a key
 * someone proves.
 */

const ID_DOMAIN = 'township-ledger installation id v1\0';
const PROOF_DOMAIN = 'township-ledger village laptop v1';

/**
 * The id of the installation whose Ed25519 public key (raw, base64) is `publicKey`: SHA-256 of
 * it, shaped as a version-8 UUID (RFC 9562's form for ids made by the application's own rule),
 * so it never collides with a random (version-4) id of an installation set up before.
 */
export function keyBoundId(publicKey: string): string {
  const h = createHash('sha256').update(ID_DOMAIN).update(Buffer.from(publicKey, 'base64')).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** An id of the key-bound form: only the key it is derived from may use it. */
export const looksKeyBound = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id);

/**
 * A laptop pin made on a township's word alone: a laptop of an app before schema 23 (a random
 * id, no proof). Such a pin may name a key its holder never showed; it never stops the
 * installation that proves the key (its id derived from it, its bundle or claim signed with it).
 */
export const unprovenLaptopPin = (p: { installation_id: string; village_id?: string | null; proof?: string | null }) =>
  !!p.village_id && !p.proof && !looksKeyBound(p.installation_id);

/** What a laptop's proof signs: itself, its village and its township, one per line. */
export interface LaptopClaim {
  installationId: string;
  villageId: string;
  townshipCode: string;
  publicKey: string;
}

const statement = (c: LaptopClaim) => Buffer.from([PROOF_DOMAIN, c.installationId, c.villageId, c.townshipCode, c.publicKey].join('\n'), 'utf8');

/** The laptop's proof (Ed25519 signature, base64) of its claim, made with its own private key (PKCS#8 DER, base64). */
export function signLaptopClaim(claim: LaptopClaim, privateKey: string): string {
  return sign(null, statement(claim), createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' })).toString('base64');
}

/** Whether `proof` is the claim's own key's signature of it and the claimed id is that key's. */
export function laptopClaimProven(claim: LaptopClaim, proof: string | null | undefined): boolean {
  if (!proof || claim.installationId !== keyBoundId(claim.publicKey)) return false;
  try {
    return verify(null, statement(claim), publicEd25519(claim.publicKey), Buffer.from(proof, 'base64'));
  } catch {
    // A public key that is no Ed25519 key at all.
    return false;
  }
}
