//! Hashing whose value is kept: keys of rows that outlive the process (the
//! analysis cache, duplicate detection) and the lexicon's version.

/// A hash of `parts` (FNV-1a, 64 bits, as 16 hex digits) that never changes
/// across runs, platforms or Rust releases, unlike std's hasher: it keys
/// rows that outlive the process. Parts are separated by a zero byte, so
/// `["ab", ""]` and `["a", "b"]` differ.
pub fn stable_hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let step = |hash: u64, byte: u8| (hash ^ u64::from(byte)).wrapping_mul(PRIME);
    let mut hash = OFFSET;
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            hash = step(hash, 0);
        }
        hash = part.iter().fold(hash, |hash, &byte| step(hash, byte));
    }
    format!("{hash:016x}")
}
