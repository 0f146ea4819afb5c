//! The hash of the name index's open-addressed table: the build script places each name with
//! it (`build.rs`), and the crate looks names up with it (`data.rs`).

/// FNV-1a over the name's bytes, its halves folded together (the table takes the low bits).
pub(crate) fn name_hash(name: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in name.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as usize
}
