//! The source digest's first half: SHA-256 over the bytes a record was read
//! from (the recipe is in `vocab/README.md`, "Source digest"). The mapper
//! finishes it with the mapping version and the options.

use sha2::{Digest, Sha256};

/// A record's inputs, hashed as they are read.
pub struct Inputs(Sha256);

impl Inputs {
    /// Nothing hashed yet.
    pub fn new() -> Self {
        Inputs(Sha256::new())
    }

    /// One input: `{label} {length}\n` then its bytes, so that no two
    /// different sequences of inputs hash the same bytes.
    pub fn part(&mut self, label: &str, bytes: &[u8]) {
        self.0
            .update(format!("{label} {}\n", bytes.len()).as_bytes());
        self.0.update(bytes);
    }

    /// An input that could not be read: `{label} unreadable\n`.
    pub fn unreadable(&mut self, label: &str) {
        self.0.update(format!("{label} unreadable\n").as_bytes());
    }

    /// The digest.
    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

/// SHA-256 of `text`, as 64 lowercase hex digits.
pub fn sha256_hex(text: &[u8]) -> String {
    hex(&Sha256::digest(text))
}

/// Bytes as lowercase hex digits.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}
