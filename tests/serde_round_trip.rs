//! The stored and exchanged JSON must read back to exactly what was written,
//! records included, and carry its schema version.

use chrono::{NaiveDate, TimeZone, Utc};
use thidua::core::campaign::model::*;
use thidua::core::campaign::registers::RegisterKind;
use thidua::core::campaign::template::seed_campaign;
use thidua::core::entry::edit::update_counts;
use thidua::core::entry::history::{chain_holds, Stamp};

fn meta(id: &str) -> RecordMeta {
    RecordMeta {
        id: id.into(),
        rev: 3,
        updated_at: Utc.with_ymd_and_hms(2025, 8, 1, 9, 30, 0).unwrap(),
        deleted: false,
    }
}

fn full_workspace() -> Workspace {
    let mut workspace = Workspace::new(seed_campaign("5b0f6a4e-8f4a-4a55-9c53-2f1b7f0f2a01"));
    workspace.campaign.officers.push(Officer {
        id: "o1".into(),
        unit_id: "phong-phap-che".into(),
        name: "Nguyễn Thị <b>Lan</b>".into(),
        position: "Chuyên viên".into(),
        meta: meta("o1"),
    });
    workspace.daily_reports.push(DailyReport {
        meta: meta("r1"),
        unit_id: "phong-phap-che".into(),
        date: NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
        counts: DailyCounts {
            docs_received: 12,
            docs_received_online: 11,
            docs_issued: 5,
            docs_signed_online: 4,
            docs_excluded_secret: 1,
            pages_printed: 3,
            received_excluded: 1,
            pages_printed_excluded: 3,
            ..DailyCounts::default()
        },
        // Read from a register, then one count changed by hand.
        source: Some(CountSource {
            files: vec!["so-van-ban-den.xlsx".into()],
            kinds: vec![RegisterKind::Incoming],
            imported_at: "2025-07-16T01:00:00Z".parse().unwrap(),
            edited_by_hand_at: Some("2025-07-16T02:00:00Z".parse().unwrap()),
        }),
    });
    workspace.officer_records.push(OfficerRecord {
        meta: meta("k1"),
        officer_id: "o1".into(),
        kpi_evaluated: true,
        kpi_score: Some(92.5),
        docs_handled: 40,
        docs_handled_online: 39,
        docs_signed: 20,
        signing_authority: true,
    });
    workspace.initiatives.push(Initiative {
        meta: RecordMeta {
            deleted: true,
            ..meta("i1")
        },
        owner: InitiativeOwner::Officer("o1".into()),
        title: "Mẫu phiếu trình ký số".into(),
        description: "Dùng chung mẫu".into(),
        date: NaiveDate::from_ymd_opt(2025, 8, 2).unwrap(),
        council_score: None,
    });
    // Typed by a named clerk, then by no one named: the chain's links hold
    // once read back, so the entries come back byte for byte.
    let day = NaiveDate::from_ymd_opt(2025, 7, 16).unwrap();
    let clerk = Stamp {
        at: Utc.with_ymd_and_hms(2025, 7, 16, 2, 0, 0).unwrap(),
        by: Some("o1".into()),
    };
    update_counts(&mut workspace, "phong-phap-che", day, clerk, |c| {
        c.dossiers = 2
    });
    let later = Utc.with_ymd_and_hms(2025, 7, 22, 7, 3, 0).unwrap();
    update_counts(&mut workspace, "phong-phap-che", day, later, |c| {
        c.dossiers = 3
    });
    workspace
}

#[test]
fn a_full_workspace_reads_back_unchanged() {
    let workspace = full_workspace();
    let json = serde_json::to_string(&workspace).unwrap();
    let back: Workspace = serde_json::from_str(&json).unwrap();
    assert_eq!(back, workspace);
    assert_eq!(back.history.chains[0].entries.len(), 2);
    assert!(back.history.chains.iter().all(chain_holds));
}

#[test]
fn the_json_carries_the_schema_version_and_readable_enums() {
    let value = serde_json::to_value(full_workspace()).unwrap();
    assert_eq!(value["schema_version"], SCHEMA_VERSION);
    assert_eq!(
        value["campaign"]["criteria"][0]["kind"],
        "online_processing"
    );
    assert_eq!(
        value["campaign"]["criteria"][0]["target"]["kind"],
        "percent"
    );
    assert_eq!(value["campaign"]["period"]["start"], "2025-07-15");
    assert_eq!(value["campaign"]["calendar"]["working_weekdays"][0], "Mon");
    assert_eq!(value["initiatives"][0]["owner"]["kind"], "officer");
}

// Records written before tombstones existed have no `deleted` field.
#[test]
fn a_record_without_a_tombstone_flag_is_alive() {
    let meta: RecordMeta =
        serde_json::from_str(r#"{"id":"x","rev":1,"updated_at":"2025-07-15T00:00:00Z"}"#).unwrap();
    assert!(!meta.deleted);
}

#[test]
fn negative_counts_are_refused_by_the_types() {
    let json = serde_json::to_string(&full_workspace())
        .unwrap()
        .replace(r#""docs_received":12"#, r#""docs_received":-12"#);
    assert!(serde_json::from_str::<Workspace>(&json).is_err());
}

#[test]
fn initiative_owners_survive_their_form_key() {
    for owner in [
        InitiativeOwner::Unit("van-phong".into()),
        InitiativeOwner::Officer("a:b".into()),
    ] {
        assert_eq!(InitiativeOwner::from_key(&owner.key()), Some(owner));
    }
    assert_eq!(InitiativeOwner::from_key("khac:1"), None);
    assert_eq!(InitiativeOwner::from_key(""), None);
}
