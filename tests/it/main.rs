//! Every integration test in one binary: one link of the library and its
//! dependencies instead of one per file. Run one part with
//! `cargo test --test it faults::` (a module name as the filter).
//!
//! Snapshots live in `tests/it/snapshots/`, named `it__<module>__<name>.snap`;
//! proptest keeps its regressions in `tests/proptest-regressions/` (it takes
//! tests/it, having a main.rs, for a source root).

mod forms_support;
mod intake_support;
mod pty_support;
mod scale_data;
mod tmpfs_support;
mod world_support;

mod ambiguous;
mod cli;
mod export;
mod export_stress;
mod export_submit;
mod faults;
mod forms_deliverables;
mod forms_diagnosis;
mod forms_hearing;
mod forms_intake;
mod forms_profile;
mod forms_reports;
mod hostile;
mod hostile_config;
mod hostile_degrade;
mod hostile_output;
mod hostile_world;
mod keymaps;
mod live_forms;
mod notes_carry;
mod present;
mod pty;
mod pty_diagnosis;
mod pty_intake;
mod pty_plan;
mod pty_present;
mod pty_reports;
mod questionnaire;
mod read_only;
mod remapped_hints;
mod scale;
mod stress_kill;
mod timekeeping;
mod tui;

/// Every file of tests/it is a module of this binary (a file left out would
/// never be compiled or run), and no test file sits directly in tests/
/// (it would link a binary of its own: add it here instead).
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(tests.join("it/main.rs")).unwrap();
    let stray: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    assert!(
        stray.is_empty(),
        "move {stray:?} into tests/it/ and declare it in tests/it/main.rs"
    );
    for entry in std::fs::read_dir(tests.join("it")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let module = if entry.path().is_dir() {
            if !entry.path().join("mod.rs").exists() {
                continue; // snapshots
            }
            name.clone()
        } else if let Some(m) = name.strip_suffix(".rs") {
            m.to_owned()
        } else {
            continue;
        };
        if module == "main" {
            continue;
        }
        assert!(
            main.lines().any(|l| l.trim() == format!("mod {module};")),
            "tests/it/{name} is not declared in tests/it/main.rs: add `mod {module};`"
        );
    }
}
