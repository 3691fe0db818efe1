import { createCipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Header, Row } from './formatReader';

/**
 * Writes a bundle by FORMAT.md's rules with a township's real signing key, as an attacker holding
 * that key could: the tests use it to hand both readers validly signed bundles whose content lies.
 */
export function forgeBundle(header: Header, lines: { table: string; row: Row }[], signingKeyPkcs8: string, districtX25519: string): Buffer {
  const contentKey = randomBytes(32);
  const eph = generateKeyPairSync('x25519');
  const ephRaw = Buffer.from(eph.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const district = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(districtX25519, 'base64').toString('base64url') }, format: 'jwk' });
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: district });
  const kek = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephRaw, Buffer.from(districtX25519, 'base64')]), Buffer.from('township-ledger bundle v1 key wrap'), 32));
  const wrapIv = randomBytes(12);
  const wrap = createCipheriv('aes-256-gcm', kek, wrapIv);
  const wrappedKey = Buffer.concat([wrap.update(contentKey), wrap.final()]);
  const payloadIv = randomBytes(12);
  const h = {
    ...header,
    crypto: {
      ...(header.crypto as object),
      ephemeralPublicKey: ephRaw.toString('base64'),
      wrapIv: wrapIv.toString('base64'),
      wrappedKey: wrappedKey.toString('base64'),
      wrapTag: wrap.getAuthTag().toString('base64'),
      payloadIv: payloadIv.toString('base64'),
    },
  };
  const headerBytes = Buffer.from(JSON.stringify(h), 'utf8');
  const cipher = createCipheriv('aes-256-gcm', contentKey, payloadIv);
  cipher.setAAD(headerBytes);
  const ciphertext = Buffer.concat([cipher.update(gzipSync(lines.map((l) => JSON.stringify(l) + '\n').join(''))), cipher.final()]);
  const prefix = Buffer.alloc(14);
  prefix.write('TLBUNDLE', 0, 'ascii');
  prefix.writeUInt16BE(1, 8);
  prefix.writeUInt32BE(headerBytes.length, 10);
  const signed = Buffer.concat([prefix, headerBytes, ciphertext, cipher.getAuthTag()]);
  const key = createPrivateKey({ key: Buffer.from(signingKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  return Buffer.concat([signed, sign(null, createHash('sha256').update(signed).digest(), key)]);
}
