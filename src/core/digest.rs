//! SHA-256 as files write it: the exchange file's seal, the backup's, the
//! change history's links and the signing keys' fingerprints. A leaf of the
//! core: it uses nothing else in it.

use sha2::{Digest, Sha256};

/// Lowercase hex of `bytes`, as digests are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}
