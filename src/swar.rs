//! Eight bytes at a time ("SIMD within a register"), for the scanners
//! that skip runs of ordinary text: the YAML reader's check of what it
//! may read, the writers' escaping.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` at `i`, if there are eight.
pub fn word(bytes: &[u8], i: usize) -> Option<u64> {
    let eight = bytes.get(i..i + 8)?;
    Some(u64::from_le_bytes(eight.try_into().expect("eight bytes")))
}

/// Whether any byte of `v` is below `n` (n <= 128).
pub const fn any_below(v: u64, n: u8) -> bool {
    v.wrapping_sub(ONES * n as u64) & !v & HIGHS != 0
}

/// Whether any byte of `v` equals `b`.
pub const fn any_eq(v: u64, b: u8) -> bool {
    any_below(v ^ (ONES * b as u64), 1)
}

/// Whether any byte of `v` is not ASCII.
pub const fn any_high(v: u64) -> bool {
    v & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_test_finds_a_byte_in_any_position() {
        for pos in 0..8 {
            let mut b = *b"abcdefgh";
            assert!(!any_below(u64::from_le_bytes(b), 0x20));
            assert!(!any_high(u64::from_le_bytes(b)));
            b[pos] = b'\n';
            let v = u64::from_le_bytes(b);
            assert!(any_below(v, 0x20) && any_eq(v, b'\n') && !any_eq(v, b'\t'));
            b[pos] = 0xC2;
            assert!(any_high(u64::from_le_bytes(b)));
        }
        assert_eq!(word(b"1234567", 0), None);
        assert_eq!(
            word(b"x12345678", 1),
            Some(u64::from_le_bytes(*b"12345678"))
        );
    }
}
