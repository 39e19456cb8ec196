//! The layout is a promise: `src/`'s folders are dependency levels (see
//! ARCHITECTURE.md, "Code map"). This reads the sources and fails when a
//! folder uses one it may not, or when two modules of a folder import each
//! other.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Each folder and the folders it may use (itself included).
const ALLOWED: [(&str, &[&str]); 9] = [
    // Languages and how numbers and dates are written: below everything.
    ("i18n", &["i18n"]),
    ("geo", &["i18n", "geo"]),
    ("model", &["i18n", "geo", "model"]),
    ("report", &["i18n", "geo", "model", "report"]),
    ("view", &["i18n", "geo", "model", "report", "view"]),
    ("userdata", &["i18n", "geo", "model", "report", "userdata"]),
    (
        "web",
        &["i18n", "geo", "model", "report", "view", "userdata", "web"],
    ),
    (
        "ui",
        &[
            "i18n", "geo", "model", "report", "view", "userdata", "web", "ui",
        ],
    ),
    // The first map: the app's level, but it never uses the app (`ui`),
    // so its bundle stays free of Leptos and the app's views.
    ("first", &["i18n", "geo", "model", "view", "web", "first"]),
];

/// The `.rs` files of a folder of `src/`, with their text.
fn sources(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("the folder exists")
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a file name")
                .to_owned();
            (name, fs::read_to_string(&path).expect("readable"))
        })
        .collect();
    files.sort();
    files
}

/// The folders `crate::…` paths in `text` name.
fn used_folders(text: &str) -> BTreeSet<String> {
    text.match_indices("crate::")
        .map(|(at, _)| {
            text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn no_folder_uses_a_folder_below_it() {
    let mut wrong = Vec::new();
    for (folder, allowed) in ALLOWED {
        for (file, text) in sources(folder) {
            for used in used_folders(&text) {
                if !allowed.contains(&used.as_str()) {
                    wrong.push(format!("src/{folder}/{file}.rs uses crate::{used}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_two_modules_of_a_folder_import_each_other() {
    for (folder, _) in ALLOWED {
        let files = sources(folder);
        let uses = |text: &str, other: &str| {
            text.contains(&format!("super::{other}::"))
                || text.contains(&format!("super::{other}::{{"))
                || text.contains(&format!("crate::{folder}::{other}::"))
        };
        for (a, text_a) in &files {
            for (b, text_b) in &files {
                assert!(
                    !(a < b && uses(text_a, b) && uses(text_b, a)),
                    "src/{folder}/{a}.rs and src/{folder}/{b}.rs import each other"
                );
            }
        }
    }
}

#[test]
fn the_check_sees_a_wrong_use() {
    // The reader itself: a use of a lower folder is found.
    let found = used_folders("use crate::web::AtlasMap;\nlet x = crate::view::filter::counts;");
    assert_eq!(found, BTreeSet::from(["view".to_owned(), "web".to_owned()]));
}

/// The first map's bundle is small only while it leaves Leptos out: its
/// folder and its entry point never name it.
#[test]
fn the_first_map_does_not_use_leptos() {
    let mut texts = sources("first");
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/first_map.rs");
    texts.push((
        "bin/first_map".into(),
        fs::read_to_string(bin).expect("readable"),
    ));
    for (file, text) in texts {
        assert!(!text.contains("leptos"), "src/{file}.rs uses leptos");
    }
}

/// The import worker's bundle holds the importer, not the app: its entry
/// point names only `web::serve_imports`, and the module that serves it
/// uses no Leaflet (there is no `L` in a worker), no Leptos and, of the
/// plain levels, only `userdata` (and what that uses).
#[test]
fn the_import_worker_uses_only_the_importer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = fs::read_to_string(root.join("src/bin/import_worker.rs")).expect("readable");
    let named: BTreeSet<&str> = bin
        .match_indices("cca_atlas::")
        .map(|(at, _)| {
            bin[at..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
        })
        .collect();
    assert_eq!(
        named,
        BTreeSet::from(["cca_atlas::web::serve_imports"]),
        "{named:?}"
    );
    let module = fs::read_to_string(root.join("src/web/import_worker.rs")).expect("readable");
    for forbidden in ["leaflet", "leptos", "super::js", "super::map"] {
        assert!(
            !module.contains(forbidden),
            "src/web/import_worker.rs uses {forbidden}"
        );
    }
    // i18n: the page words the worker's errors (`WorkerError::text`);
    // the worker itself sends problems as numbers, never words.
    assert_eq!(
        used_folders(&module),
        BTreeSet::from(["i18n".to_owned(), "userdata".to_owned()]),
        "src/web/import_worker.rs"
    );
}
