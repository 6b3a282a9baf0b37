//! Signed exchange files: each browser holds an ECDSA P-256 key of its own
//! (made by WebCrypto, the private half never leaves it); an export carries
//! the public half sealed in its envelope (`signer`) and, beside the
//! envelope, a signature over the envelope's exact bytes (`signature`,
//! IEEE P1363 `r‖s` in base64, as WebCrypto writes it). The same bytes are
//! under the SHA-256 digest, so a file whose records, times or sender were
//! changed and re-sealed no longer verifies.
//!
//! What it proves: the file comes from the same browser as the files before
//! it with that key. It is not a person's legal digital signature, which the
//! e-office system provides (`docs/exchange-format.md`).
//!
//! Verified here with the RustCrypto `p256` crate (the CLI, and the import
//! worker where the page has no WebCrypto); the browser verifies with
//! WebCrypto. The test vector in `tests/fixtures/signatures/` proves they agree.

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::core::digest::sha256_hex;
use crate::core::exchange::envelope::{signed_part, ExportFile};
use crate::core::exchange::persist::{base64_decode, base64_encode};

/// The only algorithm a signer may name.
pub const SIGNATURE_ALGORITHM: &str = "ECDSA-P256-SHA256";

/// The public half of the key that signed a file, sealed in its envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// Always [`SIGNATURE_ALGORITHM`].
    pub algorithm: String,
    /// The uncompressed P-256 point (65 bytes, WebCrypto's `raw` export), base64.
    pub public_key: String,
}

impl Signer {
    /// The signer of the public key `raw` (65 bytes).
    pub fn new(raw: &[u8]) -> Self {
        Signer {
            algorithm: SIGNATURE_ALGORITHM.into(),
            public_key: base64_encode(raw),
        }
    }

    /// A short name for the key that people can compare by eye:
    /// “3f2a 91c0 7d5e b8a4”, the first 8 bytes of the SHA-256 of the key.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.public_key)
    }
}

/// [`Signer::fingerprint`] of a public key in base64.
pub fn fingerprint_of(public_key: &str) -> String {
    let key = base64_decode(public_key).unwrap_or_default();
    let hex = sha256_hex(&key);
    [&hex[0..4], &hex[4..8], &hex[8..12], &hex[12..16]].join(" ")
}

/// What a file's signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Made by the key with this fingerprint.
    Valid(String),
    /// The file carries no signature (an older app, or a browser without
    /// WebCrypto such as a plain-HTTP intranet host).
    Unsigned,
    /// A signature that does not verify: the file was changed, or the
    /// signature or key is not what the app writes.
    Invalid,
}

/// Checks `signature` (base64 of `r‖s`) by `signer` over `signed`, the
/// envelope's exact bytes. A file with a signer but no signature (or the
/// other way round) is [`SignatureCheck::Invalid`]: the app writes both.
pub fn check(signer: Option<&Signer>, signature: Option<&str>, signed: &[u8]) -> SignatureCheck {
    let (signer, signature) = match (signer, signature) {
        (None, None) => return SignatureCheck::Unsigned,
        (Some(signer), Some(signature)) => (signer, signature),
        _ => return SignatureCheck::Invalid,
    };
    let verified = signer.algorithm == SIGNATURE_ALGORITHM
        && base64_decode(&signer.public_key)
            .and_then(|key| VerifyingKey::from_sec1_bytes(&key).ok())
            .zip(base64_decode(signature).and_then(|s| Signature::from_slice(&s).ok()))
            .is_some_and(|(key, signature)| key.verify(signed, &signature).is_ok());
    if verified {
        SignatureCheck::Valid(signer.fingerprint())
    } else {
        SignatureCheck::Invalid
    }
}

/// The message a file whose signature does not verify is refused with.
pub const INVALID_SIGNATURE: &str = "Chữ ký của tệp không hợp lệ: tệp đã bị sửa sau khi ký, \
    hoặc chữ ký không phải của khóa ghi trong tệp. Hãy xin phòng xuất lại tệp.";

/// [`check`] of a decoded `file` whose bytes are `bytes`. A file without
/// signer and signature is [`SignatureCheck::Unsigned`] from those fields
/// alone: its bytes are not read again (the import worker checked their
/// UTF-8 once more for nothing, with core's check: 8.8–9.5 ms of a
/// province's 2,000 files in Chromium, docs/hosting.md).
pub fn check_file(bytes: &[u8], file: &ExportFile) -> SignatureCheck {
    let (signer, signature) = (file.signer.as_ref(), file.signature.as_deref());
    let signed = match (signer, signature) {
        (None, None) => "",
        _ => simdutf8::basic::from_utf8(bytes)
            .ok()
            .and_then(signed_part)
            .unwrap_or_default(),
    };
    check(signer, signature, signed.as_bytes())
}

impl SignatureCheck {
    /// How the preview and the CLI say it.
    pub fn describe(&self) -> String {
        match self {
            SignatureCheck::Valid(fingerprint) => format!("chữ ký hợp lệ (khóa {fingerprint})"),
            SignatureCheck::Unsigned => "không có chữ ký".into(),
            SignatureCheck::Invalid => "chữ ký không hợp lệ".into(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use p256::ecdsa::signature::Signer as _;
    use p256::ecdsa::SigningKey;

    /// A fixed key (never a real one): its signatures are deterministic
    /// (RFC 6979), so the vector in tests/fixtures/signatures/ is made again
    /// here byte for byte.
    pub(crate) fn test_key() -> SigningKey {
        SigningKey::from_slice(&[7u8; 32]).unwrap()
    }

    pub(crate) fn sign(key: &SigningKey, message: &[u8]) -> String {
        let signature: Signature = key.sign(message);
        base64_encode(&signature.to_bytes())
    }

    pub(crate) fn signer_of(key: &SigningKey) -> Signer {
        Signer::new(key.verifying_key().to_encoded_point(false).as_bytes())
    }

    #[test]
    fn a_signature_verifies_and_any_change_breaks_it() {
        let key = test_key();
        let signer = signer_of(&key);
        let message = br#"{"format":"thidua-export","schema_version":2}"#;
        let signature = sign(&key, message);
        assert_eq!(
            check(Some(&signer), Some(&signature), message),
            SignatureCheck::Valid(signer.fingerprint())
        );
        let changed = br#"{"format":"thidua-export","schema_version":3}"#;
        assert_eq!(
            check(Some(&signer), Some(&signature), changed),
            SignatureCheck::Invalid
        );
        let other = signer_of(&SigningKey::from_slice(&[9u8; 32]).unwrap());
        assert_eq!(
            check(Some(&other), Some(&signature), message),
            SignatureCheck::Invalid
        );
        for garbage in ["", "không", "AAAA", &signature[4..]] {
            assert_eq!(
                check(Some(&signer), Some(garbage), message),
                SignatureCheck::Invalid,
                "{garbage}"
            );
        }
        assert_eq!(check(None, None, message), SignatureCheck::Unsigned);
        assert_eq!(check(Some(&signer), None, message), SignatureCheck::Invalid);
        assert_eq!(
            check(None, Some(&signature), message),
            SignatureCheck::Invalid
        );
        let mut renamed = signer.clone();
        renamed.algorithm = "RSA".into();
        assert_eq!(
            check(Some(&renamed), Some(&signature), message),
            SignatureCheck::Invalid
        );
    }

    /// A division's file signed as the browser signs it: the signer sealed,
    /// the signature over the sealed envelope.
    pub(crate) fn signed_division_file() -> (ExportFile, String) {
        use crate::core::exchange::envelope::{export_unit, seal_export};
        use chrono::TimeZone;
        let workspace = crate::core::sample::app_sample();
        let unit = workspace.campaign.units[0].id.clone();
        let at = chrono::Utc.with_ymd_and_hms(2025, 8, 15, 3, 0, 0).unwrap();
        let mut file = export_unit(&workspace, &unit, at).unwrap();
        let key = test_key();
        file.signer = Some(signer_of(&key));
        let sealed = seal_export(&file);
        let signature = sign(&key, sealed.envelope.as_bytes());
        file.signature = Some(signature.clone());
        (file, sealed.file_text(Some(&signature)))
    }

    #[test]
    fn a_signed_file_verifies_in_either_layout_and_a_forged_one_does_not() {
        use crate::core::exchange::envelope::{decode_export, encode_export};
        let (file, text) = signed_division_file();
        let campaign = crate::core::sample::app_sample().campaign;
        let (decoded, _) = decode_export(&text, &campaign).unwrap();
        assert_eq!(decoded, file);
        assert_eq!(
            encode_export(&decoded),
            text,
            "a decoded file re-encodes byte for byte"
        );
        let fingerprint = file.signer.as_ref().unwrap().fingerprint();
        assert_eq!(
            check_file(text.as_bytes(), &decoded),
            SignatureCheck::Valid(fingerprint.clone())
        );
        // Pretty-printed by a text editor, the envelope's bytes change: the
        // digest refuses it before any signature is looked at.
        let pretty = serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        )
        .unwrap();
        assert!(decode_export(&pretty, &campaign).is_err());
        // Only the open fields reordered: the general path, the same envelope bytes.
        let envelope = signed_part(&text).unwrap();
        let reordered = format!(
            "{{\"envelope\":{envelope},\"signature\":\"{}\",\"schema_version\":2,\"format\":\"thidua-export\",\"envelope_sha256\":\"{}\"}}",
            file.signature.as_deref().unwrap(),
            sha256_hex(envelope.as_bytes())
        );
        let (decoded, _) = decode_export(&reordered, &campaign).unwrap();
        assert_eq!(
            check_file(reordered.as_bytes(), &decoded),
            SignatureCheck::Valid(fingerprint)
        );
        // Changed and re-sealed with a fresh digest, as a forger would: the signature fails.
        let forged_envelope = envelope.replacen("\"docs_received\":", "\"docs_received\":9", 1);
        let forged = text.replace(envelope, &forged_envelope).replace(
            &sha256_hex(envelope.as_bytes()),
            &sha256_hex(forged_envelope.as_bytes()),
        );
        let (decoded, _) = decode_export(&forged, &campaign).unwrap();
        assert_eq!(
            check_file(forged.as_bytes(), &decoded),
            SignatureCheck::Invalid
        );
        // The signature dropped: a signer without a signature is refused too.
        let (mut unsigned, _) = decode_export(&text, &campaign).unwrap();
        unsigned.signature = None;
        let dropped = encode_export(&unsigned);
        let (decoded, _) = decode_export(&dropped, &campaign).unwrap();
        assert_eq!(
            check_file(dropped.as_bytes(), &decoded),
            SignatureCheck::Invalid
        );
        // Neither signer nor signature: unsigned, whatever the bytes.
        unsigned.signer = None;
        let plain = encode_export(&unsigned);
        let (decoded, _) = decode_export(&plain, &campaign).unwrap();
        assert_eq!(
            check_file(plain.as_bytes(), &decoded),
            SignatureCheck::Unsigned
        );
        assert_eq!(check_file(&[0xff], &decoded), SignatureCheck::Unsigned);
        // A signed file's bytes that are not its text (not UTF-8): refused.
        let (decoded, _) = decode_export(&text, &campaign).unwrap();
        let mut broken = text.clone().into_bytes();
        broken[text.len() / 2] = 0xff;
        assert_eq!(check_file(&broken, &decoded), SignatureCheck::Invalid);
    }

    #[test]
    fn the_fingerprint_is_four_groups_of_hex() {
        let fingerprint = signer_of(&test_key()).fingerprint();
        let groups: Vec<usize> = fingerprint.split(' ').map(str::len).collect();
        assert_eq!(groups, [4, 4, 4, 4], "{fingerprint}");
    }

    /// The shared vector: made here with the fixed key, verified by
    /// WebCrypto in Chromium and Firefox (tests/browser.rs).
    #[test]
    fn the_shared_test_vector_is_made_by_the_fixed_key() {
        let vector: serde_json::Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/signatures/vector.json"
        ))
        .unwrap();
        let key = test_key();
        let message = vector["message"].as_str().unwrap();
        assert_eq!(vector["public_key"], signer_of(&key).public_key);
        assert_eq!(vector["signature"], sign(&key, message.as_bytes()));
    }
}
