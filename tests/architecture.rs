//! The core's families (`src/core/*/` and its leaf modules) may use each
//! other only one way: this test fails on the first use that closes a cycle,
//! and names it. Test modules (`#[cfg(test)]` onwards) are not counted: a
//! test may build sample data with anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The family a file belongs to: its folder under `src/core`, or its own
/// name for a module at the top (`format`, `route`, `sample`).
fn family(core: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(core).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    Path::new(first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The families a piece of code names through `crate::core::…`.
fn families_used(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::core::") {
        rest = &rest[at + "crate::core::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::core::{campaign::model, format}`: the first name of each item.
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            used.insert(name);
        }
    }
    used
}

fn dependency_graph() -> BTreeMap<String, BTreeSet<String>> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let from = family(&core, &file);
        if from == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let uses = graph.entry(from.clone()).or_default();
        for to in families_used(code) {
            if to != from {
                uses.insert(to);
            }
        }
    }
    graph
}

/// A cycle through `start`, if any, as the list of families on it.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    let last = path.last().unwrap().clone();
    for next in graph.get(&last).into_iter().flatten() {
        if let Some(at) = path.iter().position(|p| p == next) {
            let mut cycle = path[at..].to_vec();
            cycle.push(next.clone());
            return Some(cycle);
        }
        path.push(next.clone());
        if let Some(cycle) = cycle_from(graph, path) {
            return Some(cycle);
        }
        path.pop();
    }
    None
}

#[test]
fn the_core_families_use_each_other_one_way_only() {
    let graph = dependency_graph();
    for expected in [
        "campaign",
        "entry",
        "evaluation",
        "exchange",
        "report",
        "format",
    ] {
        assert!(
            graph.contains_key(expected),
            "no family {expected}: {graph:?}"
        );
    }
    for start in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, &mut vec![start.clone()]) {
            panic!(
                "the core's families form a cycle: {} (all uses: {graph:?})",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn the_leaves_use_nothing_else_in_the_core() {
    let graph = dependency_graph();
    for leaf in ["format", "route"] {
        assert_eq!(graph[leaf], BTreeSet::new(), "{leaf} must stay a leaf");
    }
    // The data model is the bottom of everything but the leaves.
    let campaign: Vec<&String> = graph["campaign"].iter().collect();
    assert_eq!(campaign, ["format"], "campaign uses only format");
}

// The scanner itself: a use through a group counts, and so does a cycle.
#[test]
fn the_scanner_sees_grouped_uses_and_cycles() {
    assert_eq!(
        families_used("use crate::core::{campaign::model::Workspace, format};"),
        BTreeSet::from(["campaign".to_string(), "format".to_string()])
    );
    let graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::from([
        ("a".into(), BTreeSet::from(["b".into()])),
        ("b".into(), BTreeSet::from(["a".into()])),
    ]);
    assert_eq!(
        cycle_from(&graph, &mut vec!["a".into()]),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
}
