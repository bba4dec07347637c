//! Deliverables export: every file is written into a temporary folder that is
//! renamed into place at the end, so a failed export never leaves a
//! half-written set and never overwrites an earlier one.

pub mod diagnosis;
pub mod hearing;
pub mod plan;
pub mod policy;
pub mod questionnaire;
pub mod regulations;
pub mod reports;
pub mod xlsx;

use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::content::Catalog;
use crate::domain::model::Client;
use crate::store::{Store, write_atomic};

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Written {
    pub folder: PathBuf,
    pub files: Vec<PathBuf>,
}

/// Why an export failed; nothing was left behind.
#[derive(Debug)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// One file of the set: its name and bytes.
pub struct Document {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Every deliverable of a client, in memory; `now` is the export date
/// printed on the forms and reports.
pub fn documents(
    catalog: &Catalog,
    client: &Client,
    now: NaiveDateTime,
) -> Result<Vec<Document>, ExportError> {
    let today = now.date();
    let mut docs = vec![
        hearing::document(catalog, client, today)?,
        regulations::document(catalog, client, today)?,
        plan::document(catalog, client, today)?,
        diagnosis::document(catalog, client, today)?,
        policy::document(catalog, client),
    ];
    docs.extend(reports::documents(catalog, client, now));
    Ok(docs)
}

/// Writes every deliverable into `out`, or into a new
/// `<data>/clients/<id>/exports/<YYYYMMDD-HHMMSS>/` folder.
pub fn export_all(
    store: &Store,
    catalog: &Catalog,
    client: &Client,
    out: Option<&Path>,
    now: NaiveDateTime,
) -> Result<Written, ExportError> {
    let docs = documents(catalog, client, now)?;
    let target = match out {
        Some(dir) => dir.to_owned(),
        None => store
            .client_dir(&client.id)
            .map_err(|e| ExportError(e.to_string()))?
            .join("exports")
            .join(now.format("%Y%m%d-%H%M%S").to_string()),
    };
    write_set(&target, &docs)
}

fn write_set(target: &Path, docs: &[Document]) -> Result<Written, ExportError> {
    let err = |p: &Path, e: &dyn std::fmt::Display| ExportError(format!("{}: {e}", p.display()));
    if target.exists() {
        return Err(ExportError(format!(
            "{} already exists; an earlier export is never overwritten",
            target.display()
        )));
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(parent)
        .map_err(|e| err(parent, &e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::DirBuilder::new()
        .mode(0o700)
        .create(&tmp)
        .map_err(|e| err(&tmp, &e))?;
    let result = (|| {
        for d in docs {
            // No raw ESC or bidi control in a Markdown report (issue 12).
            let bytes = match std::str::from_utf8(&d.bytes) {
                Ok(text) if d.name.ends_with(".md") => {
                    crate::domain::clean::text(text).into_owned().into_bytes()
                }
                _ => d.bytes.clone(),
            };
            write_atomic(&tmp, &d.name, &bytes, None).map_err(|e| ExportError(e.to_string()))?;
        }
        fs::rename(&tmp, target).map_err(|e| err(target, &e))
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    Ok(Written {
        folder: target.to_owned(),
        files: docs.iter().map(|d| target.join(&d.name)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> Document {
        Document {
            name: name.into(),
            bytes: b"x".to_vec(),
        }
    }

    #[test]
    fn a_set_is_renamed_into_place_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("exports").join("20261121-120000");
        let w = write_set(&target, &[doc("a.md"), doc("b.md")]).unwrap();
        assert_eq!(w.files.len(), 2);
        assert!(target.join("a.md").is_file());
        let again = write_set(&target, &[doc("c.md")]);
        assert!(again.is_err());
        assert!(!target.join("c.md").exists());
        let leftovers: Vec<_> = fs::read_dir(target.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the finished folder remains");
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        // A name with a slash cannot be written inside the folder.
        let r = write_set(&target, &[doc("ok.md"), doc("no/such/dir.md")]);
        assert!(r.is_err());
        assert!(!target.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
