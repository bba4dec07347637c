//! Deliverables export: every file is written into a temporary folder that is
//! renamed into place at the end, so a failed export never leaves a
//! half-written set and never overwrites an earlier one.

pub mod diagnosis;
pub mod doc;
pub mod docx;
pub mod font;
pub mod hearing;
pub mod pdf;
pub mod plan;
pub mod policy;
pub mod profile;
pub mod questionnaire;
pub mod regulations;
pub mod reports;
pub mod xlsx;

use crate::domain::model::Stamp;
use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::config::{Expert, Settings};
use crate::content::Catalog;
use crate::domain::check::Problem;
use crate::domain::model::Client;
use crate::store::{Store, write_atomic};

/// What an export wrote, and what the user should know about it (a PDF
/// skipped for want of a font, the expert's details not set).
#[derive(Debug, Clone)]
pub struct Written {
    pub folder: PathBuf,
    pub files: Vec<PathBuf>,
    pub notices: Vec<String>,
}

/// How to export: the date printed, the expert on the reports, the PDF font.
#[derive(Debug, Clone)]
pub struct Options {
    /// The export date and time (作成日).
    pub now: Stamp,
    pub expert: Expert,
    /// A font file to embed instead of the system font found at run time.
    pub font: Option<PathBuf>,
    pub font_index: u32,
    /// Also write reports of sessions planned but not held yet.
    pub with_planned: bool,
}

impl Options {
    /// Default settings (no expert details, the system font) at `now`.
    pub fn at(now: Stamp) -> Self {
        Self::new(now, &Settings::default())
    }

    pub fn new(now: Stamp, settings: &Settings) -> Self {
        Options {
            now,
            expert: settings.expert.clone(),
            font: settings.pdf.font.clone(),
            font_index: settings.pdf.font_index,
            with_planned: false,
        }
    }
}

/// The outcome of `check` before an export: errors stop it (unless
/// forced), warnings are shown and the export goes on.
pub fn gate(catalog: &Catalog, client: &Client) -> (Vec<Problem>, Vec<Problem>) {
    catalog
        .check(client)
        .into_iter()
        .partition(Problem::is_error)
}

/// The files of the set, and the notices for the user.
pub struct Set {
    pub docs: Vec<Document>,
    pub notices: Vec<String>,
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

/// Every deliverable of a client, in memory. The PDFs are left out, with a
/// notice saying what to install, when no Japanese font can be found.
pub fn documents(catalog: &Catalog, client: &Client, opts: &Options) -> Result<Set, ExportError> {
    let today = opts.now.date_naive();
    let mut notices = Vec::new();
    let mut docs = vec![
        hearing::document(catalog, client, today)?,
        regulations::document(catalog, client, today)?,
        plan::document(catalog, client, today)?,
        diagnosis::document(catalog, client, today)?,
    ];
    let fonts = match font::find(opts.font.as_deref(), opts.font_index) {
        Ok(f) => Some(f),
        Err(e) => {
            notices.push(e.0);
            None
        }
    };
    let mut texts = vec![(policy::STEM.to_owned(), policy::doc(catalog, client))];
    docs.push(Document {
        name: format!("{}.docx", policy::STEM),
        bytes: docx::render(&texts[0].1, today)?,
    });
    texts.extend(reports::reports(catalog, client, opts));
    for (stem, d) in &texts {
        docs.push(Document {
            name: format!("{stem}.md"),
            bytes: doc::markdown(d).into_bytes(),
        });
        if let Some(f) = &fonts {
            docs.push(Document {
                name: format!("{stem}.pdf"),
                bytes: pdf::render(d, f, today)?,
            });
        }
    }
    if !texts.iter().any(|(stem, _)| stem == reports::FINAL_STEM) {
        notices.push(
            "最終報告書（指導結果のまとめと評価を含む）は第4回を実施済みにすると出力されます"
                .into(),
        );
    }
    if opts.expert.name.trim().is_empty() {
        notices.push(
            "config.toml の [expert] に担当専門家の name（氏名）が設定されていないため、報告書の担当専門家欄が「未記入」になっています".into(),
        );
    }
    Ok(Set { docs, notices })
}

/// Writes every deliverable into `out`, or into a new
/// `<data>/clients/<id>/exports/<YYYYMMDD-HHMMSS>/` folder.
pub fn export_all(
    store: &Store,
    catalog: &Catalog,
    client: &Client,
    out: Option<&Path>,
    opts: &Options,
) -> Result<Written, ExportError> {
    let set = documents(catalog, client, opts)?;
    let target = match out {
        Some(dir) => dir.to_owned(),
        None => store
            .client_dir(&client.id)
            .map_err(|e| ExportError(e.to_string()))?
            .join("exports")
            .join(opts.now.format("%Y%m%d-%H%M%S").to_string()),
    };
    let mut w = write_set(&target, &set.docs)?;
    w.notices = set.notices;
    Ok(w)
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
        notices: Vec::new(),
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
