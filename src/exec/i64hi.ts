// The i64 "high word register". A helper that produces an i64 returns its low 32 bits (a signed
// int32) and leaves the high 32 bits (a signed int32) here, so that no i64 result allocates.
// Read `H.hi` immediately after the call: the next i64 helper overwrites it.
export const H = { hi: 0 };
