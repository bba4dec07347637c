//! Catalog data (content/*.toml): agendas, checklists, hearing sheet, diagnosis
//! items, regulations, policy template, plan scales and the eligibility table.
//!
//! Every catalog is embedded in the binary; a file of the same name in the
//! user's content folder (`<config>/bansou/content/`) replaces it whole. A file
//! that does not parse or validate stops start-up with an error naming the file,
//! line and key — a half-loaded catalog is never used.

mod catalog;
mod error;
pub mod fill;
mod validate;

pub use catalog::*;
pub use error::ContentError;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// One catalog file: its name and embedded default text.
struct Source {
    name: &'static str,
    text: &'static str,
}

/// A catalog file embedded from `content/`.
macro_rules! source {
    ($file:literal) => {
        Source {
            name: $file,
            text: include_str!(concat!("../../content/", $file)),
        }
    };
}

const AGENDAS: Source = source!("agendas.toml");
const CHECKLISTS: Source = source!("checklists.toml");
const HEARING: Source = source!("hearing.toml");
const DIAGNOSIS: Source = source!("diagnosis.toml");
const REGULATIONS: Source = source!("regulations.toml");
const POLICY: Source = source!("policy.toml");
const PLAN: Source = source!("plan.toml");
const ELIGIBILITY: Source = source!("eligibility.toml");

/// File names of every catalog, as looked up in an override folder.
pub const CATALOG_FILES: [&str; 8] = [
    AGENDAS.name,
    CHECKLISTS.name,
    HEARING.name,
    DIAGNOSIS.name,
    REGULATIONS.name,
    POLICY.name,
    PLAN.name,
    ELIGIBILITY.name,
];

impl Catalog {
    /// The built-in catalogs only.
    pub fn builtin() -> Result<Catalog, ContentError> {
        Self::load(None)
    }

    /// Built-in catalogs, each replaced by a file of the same name in `overrides` if present.
    pub fn load(overrides: Option<&Path>) -> Result<Catalog, ContentError> {
        let catalog = Catalog {
            agendas: read(&AGENDAS, overrides)?,
            checklists: read(&CHECKLISTS, overrides)?,
            hearing: read(&HEARING, overrides)?,
            diagnosis: read(&DIAGNOSIS, overrides)?,
            regulations: read(&REGULATIONS, overrides)?,
            policy: read(&POLICY, overrides)?,
            plan: read(&PLAN, overrides)?,
            eligibility: read(&ELIGIBILITY, overrides)?,
        };
        Ok(catalog)
    }
}

fn read<T>(src: &Source, overrides: Option<&Path>) -> Result<T, ContentError>
where
    T: DeserializeOwned + validate::Validate,
{
    let override_path = overrides
        .map(|dir| dir.join(src.name))
        .filter(|p| p.exists());
    let (path, text) = match override_path {
        Some(path) => {
            // A FIFO or a device is refused at once instead of hanging start-up.
            let bytes = crate::safefs::read_regular(&path, crate::safefs::Links::Follow)
                .map_err(|e| ContentError::io(&path, &e))?;
            let text = String::from_utf8(bytes).map_err(|e| ContentError::not_utf8(&path, &e))?;
            (path, Cow::Owned(text))
        }
        None => (
            PathBuf::from(format!("(built-in) content/{}", src.name)),
            Cow::Borrowed(src.text),
        ),
    };
    let value: T = toml::from_str(&text).map_err(|e| ContentError::from_toml(&path, &text, &e))?;
    value
        .validate()
        .map_err(|v| ContentError::from_violation(&path, &text, v))?;
    Ok(value)
}

#[cfg(test)]
mod tests;
