/**
 * device/secret-handle.ts: configured keys as opaque handles.
 * Owns: making a `SecretHandle` from a configured key word, the only way back to the key bytes
 *   (`revealSecret`, for the engine's exchanges), and comparing two handles by value (`sameKey`).
 * Must not know: the config tree, where keys are configured, the protocols that use them.
 * Invariants: the written key is kept in a module-private WeakMap, never as a property, so JSON.stringify,
 *   util.inspect or structured logging of a device cannot print it; `masked` shows the kind only; a key that
 *   cannot be decoded reveals as undefined (never as its encoded text); never throws.
 * Tests: test/src/engine/device.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { decodeNineSecret, maskSecret } from '../../../server/src/model/secrets';
import type { SecretHandle, Span } from './types';

const writtenKeys = new WeakMap<SecretHandle, string>();

/** A handle for the key written as `text` (quotes removed) in form `form` at `at`. */
export function secretHandle(text: string, form: 'ascii-text' | 'hexadecimal', at: Span): SecretHandle {
  const handle: SecretHandle = Object.freeze({ kind: 'secret', form, masked: maskSecret(text), at });
  writtenKeys.set(handle, text);
  return handle;
}

/**
 * The key bytes a handle stands for: `$9$` values decoded, `ascii-text` as Latin-1 bytes, `hexadecimal` as
 * the bytes the hex digits spell. Undefined when the value cannot be decoded. Engine use only: never print it.
 */
export function revealSecret(handle: SecretHandle | undefined): Buffer | undefined {
  if (!handle) return undefined;
  const written = writtenKeys.get(handle);
  if (written === undefined) return undefined;
  let plain = written;
  if (written.startsWith('$9$')) {
    const decoded = decodeNineSecret(written);
    if (!decoded.ok) return undefined;
    plain = decoded.plaintext;
  }
  if (handle.form === 'hexadecimal') {
    const hex = plain.replace(/^0x/i, '');
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(hex)) return undefined;
    return Buffer.from(hex, 'hex');
  }
  return Buffer.from(plain, 'latin1');
}

/** True when both handles hold the same key bytes (constant time over equal lengths). */
export function sameKey(a: SecretHandle | undefined, b: SecretHandle | undefined): boolean {
  const left = revealSecret(a);
  const right = revealSecret(b);
  if (!left || !right || left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
