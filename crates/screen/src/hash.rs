//! A fast hasher for keys that are already hashes (blocking keys) or short
//! identifiers: the index does millions of lookups per second and the
//! default SipHash would dominate. No denial-of-service concern: keys come
//! from alerts and queries of trusted officers, not from the network raw.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hasher (the FxHash scheme).
#[derive(Default, Clone, Copy)]
pub(crate) struct MixHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for MixHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(SEED);
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`MixHasher`]s.
pub(crate) type FastBuild = BuildHasherDefault<MixHasher>;

/// `HashMap` with [`MixHasher`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastBuild>;

/// FNV-1a over a tag and bytes: stable across runs and platforms, so keys
/// can be written into snapshots.
pub(crate) fn stable_hash(tag: u8, bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(tag);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Combines two keys into one, order-free (a pair of name tokens matches
/// whichever order the names were written in).
pub(crate) fn pair_key(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h = lo.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ hi.rotate_left(29);
    h ^= h >> 31;
    h.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ 0x5041_4952
}

/// A token key combined with a birth year.
pub(crate) fn year_key(token: u64, year: u16) -> u64 {
    let mut h = token ^ (u64::from(year) << 48) ^ 0x5945_4152;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 29)
}
