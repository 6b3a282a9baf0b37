//! In-browser tests of the storage adapter, against the real localStorage
//! of Chromium and of Firefox ESR. Run by `./dev test` through
//! wasm-bindgen-test-runner, once with each browser's driver.
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use js_sys::Uint8Array;
use thidua::core::campaign::model::{Workspace, SCHEMA_VERSION};
use thidua::core::campaign::template::seed_campaign;
use thidua::core::exchange::persist::{
    classify_write_error, encode_stored, stored_body, stored_value, workspace_json, WriteFailure,
    LEGACY_V1_KEY, UNREADABLE_KEY, WORKSPACE_KEY,
};
use thidua::core::sample::{generate, SampleScale};
use thidua::web::storage::{new_id, StorageError, TabStorage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod stored;
use stored::load;

wasm_bindgen_test_configure!(run_in_browser);

const V1_FIXTURE: &str = include_str!("fixtures/storage-v1-workspace.json");

fn raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).unwrap()
}

#[wasm_bindgen_test]
fn a_first_visit_finds_nothing() {
    LocalStorage::clear();
    assert_eq!(load(), Ok(None));
}

#[wasm_bindgen_test]
fn a_saved_workspace_loads_back_unchanged() {
    LocalStorage::clear();
    let mut workspace = Workspace::new(seed_campaign("round-trip"));
    workspace.campaign.title = "Tên có <script>alert(1)</script> và dấu “ngoặc”".into();
    let tab = TabStorage::new(None);
    assert_eq!(tab.save(&workspace), Ok(true));
    assert_eq!(
        tab.save(&workspace),
        Ok(false),
        "nothing changed, nothing written"
    );
    let stored = load().unwrap().unwrap();
    assert_eq!(stored.workspace, workspace);
    assert_eq!(stored.generation, 1);
}

#[wasm_bindgen_test]
fn a_layout_1_store_is_migrated_and_kept_as_a_snapshot() {
    LocalStorage::clear();
    LocalStorage::raw()
        .set_item(LEGACY_V1_KEY, V1_FIXTURE)
        .unwrap();
    let stored = load().unwrap().unwrap();
    assert_eq!(
        stored.workspace.campaign.title,
        "Phong trào thử nghiệm đã lưu"
    );
    let tab = TabStorage::new(Some(&stored));
    let mut edited = stored.workspace.clone();
    edited.campaign.title = "Đã sửa sau khi chuyển đổi".into();
    tab.save(&edited).unwrap();
    assert_eq!(load().unwrap().unwrap().workspace, edited);
    assert_eq!(
        raw(LEGACY_V1_KEY).as_deref(),
        Some(V1_FIXTURE),
        "the snapshot stays"
    );
}

// A damaged value must survive: it is copied aside before anything is saved.
#[wasm_bindgen_test]
fn an_unreadable_workspace_is_set_aside_not_lost() {
    LocalStorage::clear();
    let garbage = r#"{"generation":3,"workspace":{"schema_version":1,"campaign":{"id":"#;
    LocalStorage::raw()
        .set_item(WORKSPACE_KEY, garbage)
        .unwrap();
    assert!(matches!(load(), Err(StorageError::Unreadable(_))));
    assert_eq!(raw(UNREADABLE_KEY).as_deref(), Some(garbage));
    assert_eq!(raw(WORKSPACE_KEY).as_deref(), Some(garbage));
}

#[wasm_bindgen_test]
fn a_workspace_from_a_newer_version_is_refused() {
    LocalStorage::clear();
    let mut workspace = Workspace::new(seed_campaign("future"));
    workspace.schema_version = SCHEMA_VERSION + 1;
    LocalStorage::raw()
        .set_item(WORKSPACE_KEY, &encode_stored(1, &workspace).0)
        .unwrap();
    let error = load().unwrap_err();
    assert!(error.to_string().contains("phiên bản mới hơn"), "{error}");
}

// Two tabs open on the same data: the one that did not see the other's save
// must not overwrite it.
// Hợp nhất saves the merged workspace from what the import worker made of
// it; the save that setting it then brings about reports that and writes
// nothing more, and the next change is saved as usual.
#[wasm_bindgen_test]
fn a_workspace_saved_ahead_is_saved_once_and_loads_back() {
    // As the import worker sends it: the body's UTF-8 bytes (Vietnamese
    // names among them), written around in JavaScript.
    let bytes = |body: String| Uint8Array::from(body.as_bytes());
    LocalStorage::clear();
    let tab = TabStorage::new(None);
    let mut merged = generate(SampleScale::Department, 3);
    let json = workspace_json(&merged);
    tab.save_ahead(&bytes(stored_body(&json)), false);
    let written = raw(WORKSPACE_KEY).expect("written ahead");
    assert_eq!(
        tab.save(&merged),
        Ok(true),
        "the save reports what was written ahead"
    );
    assert_eq!(
        raw(WORKSPACE_KEY).as_ref(),
        Some(&written),
        "and writes nothing more"
    );
    assert_eq!(
        written,
        stored_value(1, &json),
        "as the page itself writes it"
    );
    assert_eq!(load().unwrap().unwrap().workspace, merged);
    // No JSON is kept of what was saved ahead, as after a load: the next
    // save writes, and the one after compares.
    assert_eq!(tab.save(&merged), Ok(true));
    assert_eq!(tab.save(&merged), Ok(false), "nothing changed since");
    merged.campaign.title = "Sau khi hợp nhất".into();
    assert_eq!(tab.save(&merged), Ok(true));
    let stored = load().unwrap().unwrap();
    assert_eq!(stored.workspace, merged);
    assert_eq!(stored.generation, 3);

    // A merge that changed nothing writes nothing, and says so.
    let before = raw(WORKSPACE_KEY);
    tab.save_ahead(&bytes(stored_body(&workspace_json(&merged))), true);
    assert_eq!(tab.save(&merged), Ok(false));
    assert_eq!(raw(WORKSPACE_KEY), before);

    // Another change came between the save ahead and the change it was
    // for (another tab's save, taken): that change's save writes for itself.
    merged.campaign.title = "Hợp nhất lần hai".into();
    let second = stored_body(&workspace_json(&merged));
    tab.save_ahead(&bytes(second), false);
    let ahead = raw(WORKSPACE_KEY);
    tab.saw_change();
    tab.saw_change();
    merged.campaign.title = "Hợp nhất lần hai, đã sửa".into();
    assert_eq!(tab.save(&merged), Ok(true));
    assert_ne!(raw(WORKSPACE_KEY), ahead, "written again");
    let stored = load().unwrap().unwrap();
    assert_eq!(stored.workspace, merged);

    // Another tab saved meanwhile: the save ahead is refused, and so reported.
    let other = TabStorage::new(None);
    other.adopt(&stored);
    other.save(&Workspace::new(seed_campaign("khác"))).unwrap();
    tab.save_ahead(&bytes(stored_body(&json)), false);
    assert_eq!(tab.save(&merged), Err(StorageError::NewerInAnotherTab));
    assert_eq!(load().unwrap().unwrap().workspace.campaign.id, "khác");
}

#[wasm_bindgen_test]
fn an_older_tab_cannot_overwrite_newer_data() {
    LocalStorage::clear();
    let first = TabStorage::new(None);
    let second = TabStorage::new(None);
    let mut newer = Workspace::new(seed_campaign("tabs"));
    newer.campaign.title = "Thẻ thứ nhất".into();
    first.save(&newer).unwrap();
    let mut older = newer.clone();
    older.campaign.title = "Thẻ thứ hai".into();
    assert_eq!(second.save(&older), Err(StorageError::NewerInAnotherTab));
    assert_eq!(
        load().unwrap().unwrap().workspace.campaign.title,
        "Thẻ thứ nhất"
    );
    // Once the second tab has taken the newer data, it may write again.
    second.adopt(&load().unwrap().unwrap());
    second.save(&older).unwrap();
    assert_eq!(
        load().unwrap().unwrap().workspace.campaign.title,
        "Thẻ thứ hai"
    );
}

// localStorage really filled up: the failed write is reported as a quota
// error and what was stored before is intact.
#[wasm_bindgen_test]
fn a_full_storage_reports_quota_and_keeps_the_previous_state() {
    LocalStorage::clear();
    let tab = TabStorage::new(None);
    let small = Workspace::new(seed_campaign("quota"));
    tab.save(&small).unwrap();

    let storage = LocalStorage::raw();
    let chunk = "x".repeat(256 * 1024);
    let mut fillers = 0;
    while storage
        .set_item(&format!("filler/{fillers}"), &chunk)
        .is_ok()
    {
        fillers += 1;
        assert!(fillers < 200, "localStorage never filled up");
    }
    let mut small_chunk = "y".repeat(4 * 1024);
    while !small_chunk.is_empty() {
        if storage
            .set_item(&format!("filler/{fillers}"), &small_chunk)
            .is_ok()
        {
            fillers += 1;
        } else {
            small_chunk.truncate(small_chunk.len() / 2);
        }
    }

    // The browser's own refusal (Chromium and Firefox name it differently
    // in older versions): printed, and classified as a full storage.
    let refusal = storage
        .set_item("filler/one-more", &chunk)
        .expect_err("the storage is full");
    let exception = refusal
        .dyn_ref::<web_sys::DomException>()
        .expect("a DOMException");
    console_log!(
        "the browser's quota error: {} ({})",
        exception.name(),
        exception.message()
    );
    assert_eq!(
        classify_write_error(&exception.name(), &exception.message()),
        WriteFailure::QuotaExceeded
    );

    let big = generate(SampleScale::Department, 1);
    assert_eq!(tab.save(&big), Err(StorageError::QuotaExceeded));
    assert_eq!(load().unwrap().unwrap().workspace, small);
    // So does a merged workspace saved ahead from the import worker's bytes.
    let body = stored_body(&workspace_json(&big));
    tab.save_ahead(&Uint8Array::from(body.as_bytes()), false);
    assert_eq!(tab.save(&big), Err(StorageError::QuotaExceeded));
    assert_eq!(load().unwrap().unwrap().workspace, small);
    assert!(StorageError::QuotaExceeded.to_string().contains("đã đầy"));

    for index in 0..fillers {
        storage.remove_item(&format!("filler/{index}")).unwrap();
    }
    tab.save(&big).unwrap();
    assert_eq!(load().unwrap().unwrap().workspace, big);
}

#[wasm_bindgen_test]
fn ids_are_fresh_version_4_uuids() {
    let first = new_id();
    let second = new_id();
    assert_ne!(first, second);
    for id in [&first, &second] {
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert_eq!(&id[14..15], "4", "version nibble: {id}");
        assert!(
            matches!(&id[19..20], "8" | "9" | "a" | "b"),
            "variant: {id}"
        );
        assert!(
            id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
            "{id}"
        );
    }
}

// The shared vector (tests/fixtures/signatures/vector.json), made by the
// p256 crate, verifies with this browser's WebCrypto; and a signature made
// by WebCrypto verifies with the p256 crate (the CLI's verifier, here built
// for wasm32): the browser and the CLI agree on what a signature is.
#[wasm_bindgen_test]
async fn webcrypto_and_the_p256_crate_agree_on_signatures() {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use thidua::core::exchange::persist::base64_encode;
    use thidua::core::exchange::signature::{check, SignatureCheck, Signer, SIGNATURE_ALGORITHM};
    use thidua::web::signing::verify;
    use wasm_bindgen_futures::JsFuture;

    let vector: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/signatures/vector.json")).unwrap();
    let text = |field: &str| vector[field].as_str().unwrap().to_string();
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let signer = Signer {
        algorithm: SIGNATURE_ALGORITHM.into(),
        public_key: text("public_key"),
    };
    let message = text("message");
    let bytes = Uint8Array::from(message.as_bytes());
    assert_eq!(
        verify(&subtle, &signer, &text("signature"), &bytes).await,
        Some(true)
    );
    let changed = Uint8Array::from(message.replace("thử", "thật").as_bytes());
    assert_eq!(
        verify(&subtle, &signer, &text("signature"), &changed).await,
        Some(false)
    );

    // WebCrypto signs; p256 verifies.
    let object = |fields: &[(&str, &str)]| {
        let object = Object::new();
        for (name, value) in fields {
            Reflect::set(&object, &(*name).into(), &(*value).into()).unwrap();
        }
        object
    };
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(
                &object(&[("name", "ECDSA"), ("namedCurve", "P-256")]),
                false,
                &usages,
            )
            .unwrap(),
    )
    .await
    .unwrap();
    let key =
        |half: &str| -> web_sys::CryptoKey { Reflect::get(&pair, &half.into()).unwrap().into() };
    let raw = JsFuture::from(subtle.export_key("raw", &key("publicKey")).unwrap())
        .await
        .unwrap();
    let signer = Signer::new(&Uint8Array::new(&raw).to_vec());
    let signed = JsFuture::from(
        subtle
            .sign_with_object_and_u8_array(
                &object(&[("name", "ECDSA"), ("hash", "SHA-256")]),
                &key("privateKey"),
                message.as_bytes(),
            )
            .unwrap(),
    )
    .await
    .unwrap();
    let signature = Uint8Array::new(&signed).to_vec();
    let signature = base64_encode(&signature);
    assert_eq!(
        check(Some(&signer), Some(&signature), message.as_bytes()),
        SignatureCheck::Valid(signer.fingerprint())
    );
    assert_eq!(
        check(Some(&signer), Some(&signature), b"khac"),
        SignatureCheck::Invalid
    );
}
