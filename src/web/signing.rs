//! Signing this browser's exports and checking other browsers' signatures
//! with WebCrypto (`core::exchange::signature` says what a signature is).
//! The page signs: its key pair lives in IndexedDB through
//! `src/web/safekeeping.js`. The import worker verifies, with WebCrypto where
//! the page is a secure context and with the `p256` crate elsewhere.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::core::exchange::envelope::{seal_export, ExportFile};
use crate::core::exchange::persist::base64_decode;
use crate::core::exchange::signature::Signer;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = signingKey)]
    fn js_signing_key() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = thiduaSafekeeping, js_name = sign)]
    fn js_sign(text: &str) -> Result<js_sys::Promise, JsValue>;
}

async fn string_of(promise: Result<js_sys::Promise, JsValue>) -> Option<String> {
    JsFuture::from(promise.ok()?).await.ok()?.as_string()
}

/// This browser's signer (its public key), made on first use; `None`
/// without WebCrypto (a plain-HTTP intranet host).
pub async fn own_signer() -> Option<Signer> {
    let key = string_of(js_signing_key()).await?;
    Some(Signer::new(&base64_decode(&key)?))
}

/// `file`'s text, signed by this browser's key where it has one, unsigned
/// otherwise (the import preview then says “không có chữ ký”).
pub async fn signed_export(mut file: ExportFile) -> String {
    if let Some(signer) = own_signer().await {
        file.signer = Some(signer);
        let sealed = seal_export(&file);
        if let Some(signature) = string_of(js_sign(&sealed.envelope)).await {
            return sealed.file_text(Some(&signature));
        }
        file.signer = None;
    }
    seal_export(&file).file_text(None)
}

fn object(fields: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    object
}

/// Verifies with WebCrypto that `signature` (base64 `r‖s`) by `signer` is
/// over `signed`; `None` when WebCrypto could not say (then the caller
/// verifies with the `p256` crate).
pub async fn verify(
    subtle: &SubtleCrypto,
    signer: &Signer,
    signature: &str,
    signed: &Uint8Array,
) -> Option<bool> {
    let (Some(key), Some(signature)) =
        (base64_decode(&signer.public_key), base64_decode(signature))
    else {
        return Some(false);
    };
    let curve = object(&[("name", "ECDSA"), ("namedCurve", "P-256")]);
    let usages = Array::of1(&"verify".into());
    let imported = subtle
        .import_key_with_object(
            "raw",
            &Uint8Array::from(key.as_slice()),
            &curve,
            false,
            &usages,
        )
        .ok()?;
    let Ok(key) = JsFuture::from(imported).await else {
        // Not a point on the curve: no signature by it can hold.
        return Some(false);
    };
    let key: CryptoKey = key.unchecked_into();
    let hash = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
    let checked = subtle
        .verify_with_object_and_buffer_source_and_buffer_source(
            &hash,
            &key,
            &Uint8Array::from(signature.as_slice()),
            signed,
        )
        .ok()?;
    JsFuture::from(checked).await.ok()?.as_bool()
}
