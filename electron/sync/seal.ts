import { createCipheriv, createDecipheriv, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { AnyHeader, BundleHeader } from './format';
import { publicX25519 } from './keys';
import { refuse } from './format';

/**
 * The payload key: fresh per bundle, wrapped to the district's X25519 key with an ephemeral
 * key pair (ECIES: X25519 → HKDF-SHA256 → AES-256-GCM). Only the district's private key opens it.
 */

const INFO = Buffer.from('township-ledger bundle v1 key wrap');

function kek(shared: Buffer, ephemeralPub: Buffer, recipientPub: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPub, recipientPub]), INFO, 32));
}

const rawPub = (k: KeyObject) => Buffer.from(k.export({ format: 'jwk' }).x!, 'base64url');

export function sealKey(recipientX25519: string): { contentKey: Buffer; crypto: BundleHeader['crypto'] } {
  const contentKey = randomBytes(32);
  const eph = generateKeyPairSync('x25519');
  const recipient = publicX25519(recipientX25519);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const ephPub = rawPub(eph.publicKey);
  const wrapIv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek(shared, ephPub, Buffer.from(recipientX25519, 'base64')), wrapIv);
  const wrapped = Buffer.concat([c.update(contentKey), c.final()]);
  return {
    contentKey,
    crypto: {
      kem: 'X25519-HKDF-SHA256',
      ephemeralPublicKey: ephPub.toString('base64'),
      wrapIv: wrapIv.toString('base64'),
      wrappedKey: wrapped.toString('base64'),
      wrapTag: c.getAuthTag().toString('base64'),
      cipher: 'AES-256-GCM',
      payloadIv: randomBytes(12).toString('base64'),
      compression: 'gzip',
      payloadFormat: 'ndjson',
    },
  };
}

export function openKey(header: AnyHeader, recipientPrivate: KeyObject, recipientPub: string): Buffer {
  try {
    const eph = Buffer.from(header.crypto.ephemeralPublicKey, 'base64');
    const shared = diffieHellman({ privateKey: recipientPrivate, publicKey: publicX25519(header.crypto.ephemeralPublicKey) });
    const d = createDecipheriv('aes-256-gcm', kek(shared, eph, Buffer.from(recipientPub, 'base64')), Buffer.from(header.crypto.wrapIv, 'base64'));
    d.setAuthTag(Buffer.from(header.crypto.wrapTag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(header.crypto.wrappedKey, 'base64')), d.final()]);
  } catch {
    throw refuse('wrong_key', '无法解开同步文件的密钥：此文件不是发给本区县的，或文件已损坏');
  }
}
