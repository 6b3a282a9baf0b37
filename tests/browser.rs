//! In-browser tests of the storage adapter, against Chromium's real
//! localStorage. Run by `./dev test` through wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use thidua::core::model::{Workspace, SCHEMA_VERSION};
use thidua::core::template::seed_campaign;
use thidua::web::storage::{
    load_workspace, new_campaign_id, save_workspace, StorageError, UNREADABLE_KEY, WORKSPACE_KEY,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    LocalStorage::clear();
}

#[wasm_bindgen_test]
fn a_first_visit_finds_nothing() {
    clear();
    assert_eq!(load_workspace(), Ok(None));
}

#[wasm_bindgen_test]
fn a_saved_workspace_loads_back_unchanged() {
    clear();
    let mut workspace = Workspace::new(seed_campaign("round-trip"));
    workspace.campaign.title = "Tên có <script>alert(1)</script> và dấu “ngoặc”".into();
    save_workspace(&workspace).unwrap();
    assert_eq!(load_workspace(), Ok(Some(workspace)));
}

// A damaged value must survive: it is copied aside before anything is saved.
#[wasm_bindgen_test]
fn an_unreadable_workspace_is_set_aside_not_lost() {
    clear();
    let garbage = r#"{"schema_version":1,"campaign":{"id":"#;
    LocalStorage::raw()
        .set_item(WORKSPACE_KEY, garbage)
        .unwrap();
    assert!(matches!(load_workspace(), Err(StorageError::Unreadable(_))));
    assert_eq!(
        LocalStorage::raw()
            .get_item(UNREADABLE_KEY)
            .unwrap()
            .as_deref(),
        Some(garbage)
    );
    assert_eq!(
        LocalStorage::raw()
            .get_item(WORKSPACE_KEY)
            .unwrap()
            .as_deref(),
        Some(garbage)
    );
}

#[wasm_bindgen_test]
fn a_workspace_from_a_newer_version_is_refused() {
    clear();
    let mut workspace = Workspace::new(seed_campaign("future"));
    workspace.schema_version = SCHEMA_VERSION + 1;
    save_workspace(&workspace).unwrap();
    let error = load_workspace().unwrap_err();
    assert!(error.to_string().contains("mới hơn ứng dụng"), "{error}");
}

#[wasm_bindgen_test]
fn campaign_ids_are_fresh_uuids() {
    let first = new_campaign_id();
    let second = new_campaign_id();
    assert_ne!(first, second);
    assert_eq!(first.len(), 36, "{first}");
}
