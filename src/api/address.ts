// AddressValueToU64 / U64ToAddressValue (JS API "Tables"/"Memories"): an address is an
// [EnforceRange] unsigned long for "i32" and a BigInt in [0, 2^64) for "i64" (memory64, table64).

import { enforceRangeU32, toBigInt, toEnum } from './webidl.js';

export type AddressType = 'i32' | 'i64';
export const ADDRESS_TYPES: readonly AddressType[] = ['i32', 'i64'];

/** The descriptor's `address` member (absent means "i32"). */
export function toAddressType(v: unknown, what: string): AddressType {
  return v === undefined ? 'i32' : toEnum(v, ADDRESS_TYPES, `${what} 'address'`);
}

/** Returns the address as a Number: exact below 2^53, and anything larger fails every size check anyway. */
export function addressValueToU64(v: unknown, type: AddressType, what: string): number {
  if (type === 'i32') return enforceRangeU32(v, what);
  const n = toBigInt(v);
  if (n < 0n || n > 0xffffffffffffffffn) throw new TypeError(`${what} must be in the range of an unsigned 64-bit integer`);
  return Number(n);
}

export function u64ToAddressValue(v: number, type: AddressType): number | bigint {
  return type === 'i32' ? v : BigInt(v);
}
