/**
 * A software WebAuthn authenticator for API tests (test fixture code, not product crypto):
 * one EC P-256 credential made with node:crypto, a 'none' attestation on registration, and
 * ES256 assertions (DER signature over authenticatorData || SHA-256(clientDataJSON)).
 * CBOR comes from @simplewebauthn/server's own isoCBOR helper. Every field a browser or
 * authenticator would fill can be overridden, so tests can forge the answers an attacker
 * would send (wrong origin, wrong RP, replayed challenge, rewound counter, no UV).
 * Layouts: WebAuthn Level 3 §6.1 (authenticator data), §6.5.1 (attested credential data),
 * RFC 9053 §7.1.1 (COSE EC2 key).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');

export interface SoftAuthenticatorOptions {
  /** 'counter' keeps a signature counter (security keys); 'zero' always reports 0 (synced passkeys). */
  counter?: 'counter' | 'zero';
  /** Synced passkey: backup eligible and backed up (BE|BS). Default true. */
  synced?: boolean;
  attachment?: 'platform' | 'cross-platform';
  transports?: string[];
}

export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  challenge?: string;
  type?: string;
  userVerified?: boolean;
  /** Report this signature counter instead of the next one. */
  signCount?: number;
  /** Send this user handle (base64url) instead of the one registered; null sends none. */
  userHandle?: string | null;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private signCount = 0;
  private userHandle: string | undefined;

  constructor(
    private readonly origin: string,
    private readonly options: SoftAuthenticatorOptions = {},
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private flags(extra: number, userVerified: boolean): number {
    const synced = this.options.synced ?? true;
    return FLAG_UP | (userVerified ? FLAG_UV : 0) | (synced ? FLAG_BE | FLAG_BS : 0) | extra;
  }

  private nextCount(override: number | undefined): number {
    if (override !== undefined) return override;
    if ((this.options.counter ?? 'zero') === 'zero') return 0;
    this.signCount += 1;
    return this.signCount;
  }

  /** The COSE_Key of the credential: kty EC2, alg ES256, crv P-256, x, y. */
  private coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    );
  }

  private clientData(type: string, challenge: string, o: CeremonyOverrides): Buffer {
    return Buffer.from(
      JSON.stringify({ type: o.type ?? type, challenge: o.challenge ?? challenge, origin: o.origin ?? this.origin, crossOrigin: false }),
    );
  }

  private counterBytes(count: number): Buffer {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(count);
    return bytes;
  }

  /** Answers navigator.credentials.create() for these options, as startRegistration() would. */
  register(options: PublicKeyCredentialCreationOptionsJSON, o: CeremonyOverrides = {}): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const rpId = o.rpId ?? options.rp.id ?? new URL(this.origin).hostname;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(FLAG_AT, o.userVerified ?? true)]),
      this.counterBytes(this.nextCount(o.signCount)),
      Buffer.alloc(16), // AAGUID: zeros, as with 'none' attestation
      idLength,
      this.credentialId,
      Buffer.from(this.coseKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, o)),
        attestationObject: b64url(attestationObject),
        transports: (this.options.transports ?? ['internal', 'hybrid']) as RegistrationResponseJSON['response']['transports'],
      },
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: this.options.attachment ?? 'platform',
    };
  }

  /** Answers navigator.credentials.get() for these options, as startAuthentication() would. */
  assert(options: PublicKeyCredentialRequestOptionsJSON, o: CeremonyOverrides = {}): AuthenticationResponseJSON {
    const rpId = o.rpId ?? options.rpId ?? new URL(this.origin).hostname;
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(0, o.userVerified ?? true)]),
      this.counterBytes(this.nextCount(o.signCount)),
    ]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, o);
    // ES256: ECDSA over SHA-256, DER-encoded (node's default for EC keys).
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    const userHandle = o.userHandle === null ? undefined : (o.userHandle ?? this.userHandle);
    return {
      id: this.id,
      rawId: this.id,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle ? { userHandle } : {}),
      },
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: this.options.attachment ?? 'platform',
    };
  }
}
