//! Every integration test in one binary: one link of the library and its
//! dependencies instead of one per file. Run one part with
//! `cargo test --test it faults::` (a module name as the filter).
//!
//! Snapshots live in `tests/it/snapshots/`, named `it__<module>__<name>.snap`;
//! proptest keeps its regressions beside the module (`hostile.proptest-regressions`).

mod forms_support;
mod pty_support;
mod scale_data;

mod cli;
mod export;
mod faults;
mod forms_deliverables;
mod forms_diagnosis;
mod forms_hearing;
mod forms_profile;
mod hostile;
mod keymaps;
mod pty;
mod pty_diagnosis;
mod pty_plan;
mod read_only;
mod scale;
mod tui;
