//! The backup fixtures (tests/fixtures/backup/, made by generate.mjs, as a
//! tool other than the app would write them): the valid backup restores the
//! workspace it was made from, and every hostile backup is refused with its
//! own Vietnamese message (the same corpus the end-to-end test picks in
//! Chromium).

use std::collections::BTreeMap;
use std::path::PathBuf;

use thidua::core::exchange::backup::{decode_backup, restore_preview};
use thidua::core::exchange::persist::decode_workspace;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixtures().join(path)).unwrap()
}

#[test]
fn the_backup_restores_the_workspace_it_was_made_from() {
    let workspace = decode_workspace(&read("storage-v1-workspace.json")).unwrap();
    let backup = decode_backup(&read("backup/thidua-sao-luu.json")).unwrap();
    assert_eq!(backup.workspace, workspace);
    assert_eq!(
        backup.saved_at.map(|at| at.to_rfc3339()),
        Some("2025-07-22T07:03:00+00:00".into())
    );
    let preview = restore_preview(&workspace, &backup);
    assert!(
        preview.origin.contains("22/07/2025 14:03"),
        "{}",
        preview.origin
    );
    assert_eq!(preview.loss, None);
}

#[test]
fn every_hostile_backup_gets_its_own_vietnamese_message() {
    let expected: BTreeMap<String, Option<String>> =
        serde_json::from_str(&read("backup/hostile/expected.json")).unwrap();
    assert!(expected.len() >= 12);
    for (name, phrase) in expected {
        let text = read(&format!("backup/hostile/{name}"));
        match (decode_backup(&text), phrase) {
            (Ok(_), None) => {}
            (Err(error), Some(phrase)) => {
                let message = error.to_string();
                assert!(
                    message.contains(&phrase),
                    "{name}: “{message}” lacks “{phrase}”"
                );
            }
            (result, phrase) => panic!("{name}: expected {phrase:?}, got {result:?}"),
        }
    }
}
