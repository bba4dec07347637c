//! bansou (伴走): a terminal session companion for the security experts who
//! run IPA's SME security-management guidance programme.
//!
//! Layers, arrows pointing inward: `domain` (pure data and rules) ←
//! `content` (catalogs) ← `store` (files, locks, atomic saves) ← `export`,
//! `import` (answers read back from questionnaires, results sheets, CSV),
//! `cli`.

pub mod action;
pub mod app;
pub mod cli;
pub mod clients;
pub mod clock;
pub mod config;
pub mod content;
pub mod domain;
pub mod editor;
pub mod export;
pub mod import;
pub mod keymap;
pub mod present;
pub mod process;
pub mod safefs;
pub mod sample;
pub mod store;
pub mod summary;
pub mod terminal;
#[cfg(test)]
mod test_files;
pub mod text;
pub mod textpos;
pub mod tui;
pub mod ui;
pub mod widgets;
