//! Tests over blocks of 16 bytes, written so that the compiler turns each into a handful of
//! vector instructions (SSE2, which every x86-64 has): a byte-by-byte loop over the text costs
//! several instructions a byte, these about one for 16 tests. They find where something *may* be
//! (a block with a candidate); a rule then looks at the few candidates one by one.

/// Bytes per block.
pub const BLOCK: usize = 16;

/// One flag byte per position of a block: 1 where a test holds, 0 elsewhere.
pub type Flags = [u8; BLOCK];

/// Position by position, whether `a[j] == b[j]`, for the first 16 bytes of each.
#[inline(always)]
pub fn eq(a: &[u8], b: &[u8]) -> Flags {
    let (a, b) = (first(a), first(b));
    let mut o = [0; BLOCK];
    for j in 0..BLOCK {
        o[j] = u8::from(a[j] == b[j]);
    }
    o
}

/// Position by position, whether `lo <= a[j] <= hi`, for the first 16 bytes of `a`.
#[inline(always)]
pub fn within(a: &[u8], lo: u8, hi: u8) -> Flags {
    let a = first(a);
    let mut o = [0; BLOCK];
    for j in 0..BLOCK {
        o[j] = u8::from(a[j].wrapping_sub(lo) <= hi - lo);
    }
    o
}

/// Both flags.
#[inline(always)]
pub fn and(a: Flags, b: Flags) -> Flags {
    let mut o = [0; BLOCK];
    for j in 0..BLOCK {
        o[j] = a[j] & b[j];
    }
    o
}

/// Either flag.
#[inline(always)]
pub fn or(a: Flags, b: Flags) -> Flags {
    let mut o = [0; BLOCK];
    for j in 0..BLOCK {
        o[j] = a[j] | b[j];
    }
    o
}

/// Whether any position is flagged.
#[inline(always)]
pub fn any(f: Flags) -> bool {
    f.iter().fold(0, |a, &b| a | b) != 0
}

fn first(s: &[u8]) -> &[u8; BLOCK] {
    s[..BLOCK].try_into().expect("a block is 16 bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_match_a_plain_loop() {
        let a: Vec<u8> = (0..32u8).map(|i| i % 5).collect();
        let b: Vec<u8> = (0..32u8).map(|i| i % 3).collect();
        let e = eq(&a, &b);
        for j in 0..BLOCK {
            assert_eq!(e[j] == 1, a[j] == b[j]);
        }
        let e2 = eq(&a[1..], &b);
        assert_eq!(and(e, e2).map(|x| x == 1), {
            let mut x = [false; BLOCK];
            for j in 0..BLOCK {
                x[j] = e[j] == 1 && e2[j] == 1;
            }
            x
        });
        assert!(any(or(e, e2)));
        let w = within(&a, 1, 3);
        for j in 0..BLOCK {
            assert_eq!(w[j] == 1, (1..=3).contains(&a[j]));
        }
        assert!(!any([0; BLOCK]));
    }
}
