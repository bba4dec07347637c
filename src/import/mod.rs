//! Importing filled self-diagnosis answers (回答の取り込み): questionnaires
//! written by `export::questionnaire`, respondent sheets of an exported
//! 自社診断結果 corrected in Excel, and CSV files.
//!
//! Each file is all or nothing: a file that cannot be read, holds an answer
//! bansou does not know, is laid out unexpectedly or names a respondent
//! already present (without `replace`) is refused whole, with the reason
//! naming the cell or line. The other files of the same call are still
//! imported; the caller saves once at the end.

mod csvfile;
mod workbook;

pub use workbook::a1;

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::domain::intake::{AddError, Intake, add_respondent, marker};
use crate::domain::model::{Client, Role};
use crate::store::{Store, StoreError};

/// Files larger than this are refused before they are parsed (a filled
/// questionnaire is some 20 KB).
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// The outcome of one file (or one sheet of a workbook with several respondents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLine {
    pub path: PathBuf,
    /// The sheet, when the workbook had several respondents.
    pub sheet: Option<String>,
    /// The summary of the respondent added, or why the file was refused.
    pub result: Result<String, Refusal>,
}

/// Why a file was refused (nothing of it was imported). `Display` words it
/// for the command line; the app can tell `Exists` apart to offer replacing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not readable, not a spreadsheet, an answer or a layout not known:
    /// the reason names the cell or the line.
    Unreadable(String),
    /// No name or role in the file (of this sheet), and none given.
    Unnamed { sheet: Option<String> },
    /// Not one answer: a form not filled in yet.
    NoAnswers { sheet: Option<String> },
    /// Already in the client (same name and role); replacing was not asked.
    Exists { who: String },
    /// The same person came in another file of the same call.
    Twice { who: String, other: PathBuf },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let on = |sheet: &Option<String>| {
            sheet
                .as_ref()
                .map(|s| format!("シート「{s}」: "))
                .unwrap_or_default()
        };
        match self {
            Self::Unreadable(why) => f.write_str(why),
            Self::Unnamed { sheet } => write!(
                f,
                "{}回答者名か立場が空です（回答者名と立場を記入するか --respondent 氏名:立場 を指定してください）",
                on(sheet)
            ),
            Self::NoAnswers { sheet } => write!(
                f,
                "{}回答が一つもありません（まだ記入されていない回答用紙です）",
                on(sheet)
            ),
            Self::Exists { who } => write!(
                f,
                "{who} はもう登録されています。置き換えるには --replace を付けてください"
            ),
            Self::Twice { who, other } => {
                write!(f, "{who} は同じ取り込みの {} にもいます", other.display())
            }
        }
    }
}

impl FileLine {
    pub fn imported(&self) -> bool {
        self.result.is_ok()
    }
}

impl std::fmt::Display for FileLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(s) = &self.sheet {
            write!(f, " [{s}]")?;
        }
        match &self.result {
            Ok(line) => write!(f, ": {line}"),
            Err(why) => write!(f, ": 取り込みませんでした — {why}"),
        }
    }
}

/// Respondents read from one file, before they are added.
struct Read {
    path: PathBuf,
    found: Result<Vec<(Option<String>, Intake)>, String>,
}

/// The respondents in a file; refused when it is empty, too large, not an
/// .xlsx workbook or CSV text, or not laid out as a questionnaire.
pub fn read_file(path: &Path) -> Result<Vec<(Option<String>, Intake)>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("開けません: {e}"))?;
    if meta.is_dir() {
        return Err("フォルダです。ファイルを指定してください".into());
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "大きすぎます（{} MB）。回答用紙は数十 KB です",
            meta.len() / 1024 / 1024
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("読めません: {e}"))?;
    if bytes.is_empty() {
        return Err("空のファイルです".into());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    if ext == "csv" || ext == "txt" || (!zip && ext.is_empty()) {
        let text = csvfile::decode(&bytes)?;
        return Ok(vec![(None, csvfile::read(&text)?)]);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(
            "Excel 97-2003 形式（.xls）は読めません。.xlsx 形式で保存し直してください".into(),
        );
    }
    if !zip {
        return Err("表計算のファイル（.xlsx）でも CSV でもありません".into());
    }
    // calamine parses untrusted bytes; a panic inside it must not take the
    // app (and the customer's screen) down with it.
    let found = std::panic::catch_unwind(|| workbook::read(&bytes))
        .map_err(|_| "表計算のファイルとして読めません（壊れています）".to_owned())??;
    let several = found.len() > 1;
    Ok(found
        .into_iter()
        .map(|f| (several.then_some(f.sheet), f.intake))
        .collect())
}

/// `paths` with every folder replaced by the spreadsheets in it (.xlsx,
/// .xlsm, .csv; not hidden files nor Excel's `~$` lock files), sorted.
pub fn expand_folders(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        let Ok(entries) = std::fs::read_dir(p) else {
            out.push(p.clone());
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|f| {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let ext = f
                    .extension()
                    .and_then(|x| x.to_str())
                    .map(str::to_ascii_lowercase);
                f.is_file()
                    && !name.starts_with('.')
                    && !name.starts_with("~$")
                    && matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "csv"))
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Reads `paths` (a folder stands for the spreadsheets in it) and adds
/// their respondents to `client`, each file all or nothing; a file with
/// no answer at all (a form not filled in yet) is refused. `given` supplies name and role, in order, to the respondents
/// that have none of their own (a CSV without a 回答者 line, a blank
/// questionnaire whose name or role was left empty). Returns one line per
/// file (per sheet for a workbook with several respondents); `Err` when a
/// `given` respondent would be left unused, and then nothing is changed.
pub fn import_into(
    client: &mut Client,
    paths: &[PathBuf],
    given: &[(String, Role)],
    replace: bool,
) -> Result<Vec<FileLine>, String> {
    let reads: Vec<Read> = expand_folders(paths)
        .iter()
        .map(|p| Read {
            path: p.clone(),
            found: read_file(p),
        })
        .collect();
    let mut given = given.iter();
    let mut assigned = Vec::new();
    for r in reads {
        let found = r.found.map(|list| {
            list.into_iter()
                .map(|(sheet, mut intake)| {
                    if (intake.name.trim().is_empty() || intake.role.is_none())
                        && let Some((name, role)) = given.next()
                    {
                        intake.name = name.clone();
                        intake.role = Some(*role);
                    }
                    (sheet, intake)
                })
                .collect::<Vec<_>>()
        });
        assigned.push((r.path, found));
    }
    let unused: Vec<String> = given.map(|(n, r)| format!("{n}:{}", r.label())).collect();
    if !unused.is_empty() {
        return Err(format!(
            "--respondent {} は使われませんでした（どのファイルも回答者名と立場を持っています）。何も取り込んでいません",
            unused.join(", ")
        ));
    }

    let mut lines = Vec::new();
    let mut added_now: Vec<(String, PathBuf)> = Vec::new();
    for (path, found) in assigned {
        let list = match found {
            Ok(list) => list,
            Err(why) => {
                lines.push(FileLine {
                    path,
                    sheet: None,
                    result: Err(Refusal::Unreadable(why)),
                });
                continue;
            }
        };
        let mut trial = client.diagnosis.clone();
        let mut ok = Vec::new();
        let mut refused = None;
        for (sheet, intake) in &list {
            let spelled: Vec<&str> = intake.name.split_whitespace().collect();
            let who = intake
                .role
                .map(|r| marker(&spelled.join(" "), r))
                .unwrap_or_default();
            if let Some((_, other)) = added_now.iter().find(|(w, _)| *w == who && !who.is_empty()) {
                refused = Some(Refusal::Twice {
                    who: intake.line_who(),
                    other: other.clone(),
                });
                break;
            }
            if intake.answered() == 0 {
                refused = Some(Refusal::NoAnswers {
                    sheet: sheet.clone(),
                });
                break;
            }
            match add_respondent(&mut trial, intake, replace) {
                Ok(replaced) => {
                    let mut line = intake.line();
                    if replaced {
                        line.push_str("（置き換え）");
                    }
                    ok.push((sheet.clone(), line, who));
                }
                Err(AddError::Unnamed) => {
                    refused = Some(Refusal::Unnamed {
                        sheet: sheet.clone(),
                    });
                    break;
                }
                Err(AddError::Exists) => {
                    refused = Some(Refusal::Exists {
                        who: intake.line_who(),
                    });
                    break;
                }
            }
        }
        match refused {
            Some(why) => lines.push(FileLine {
                path,
                sheet: None,
                result: Err(why),
            }),
            None => {
                client.diagnosis = trial;
                for (sheet, line, who) in ok {
                    added_now.push((who, path.clone()));
                    lines.push(FileLine {
                        path: path.clone(),
                        sheet,
                        result: Ok(line),
                    });
                }
            }
        }
    }
    Ok(lines)
}

/// Why `import_and_save` did nothing at all.
#[derive(Debug)]
pub enum ImportError {
    Store(StoreError),
    Refused(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Store(e) => write!(f, "{e}"),
            Self::Refused(m) => f.write_str(m),
        }
    }
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// Opens client `id` for writing (refused, saying who holds it, when it is
/// open elsewhere), imports `paths` and saves once, atomically, when any
/// file was imported.
pub fn import_and_save(
    store: &Store,
    id: &str,
    paths: &[PathBuf],
    given: &[(String, Role)],
    replace: bool,
) -> Result<Vec<FileLine>, ImportError> {
    let mut opened = store.open(id)?;
    let lines =
        import_into(&mut opened.client, paths, given, replace).map_err(ImportError::Refused)?;
    if lines.iter().any(FileLine::imported) {
        // Through the lock: nothing changed on disk meanwhile is overwritten.
        store.save_locked(&opened.client, &mut opened.lock)?;
    }
    Ok(lines)
}

/// Completions of a partly typed path: the entries of its folder whose
/// names start with what was typed (folders end in `/`; only .xlsx, .xlsm
/// and .csv files; hidden entries only when a dot was typed), sorted. `~/`
/// stands for the home folder and stays in the completions as typed.
pub fn complete_path(partial: &str) -> Vec<String> {
    let (shown_dir, prefix) = match partial.rfind('/') {
        Some(i) => (&partial[..=i], &partial[i + 1..]),
        None => ("", partial),
    };
    let dir = if shown_dir.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(shown_dir)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let typed: String = prefix.nfc().collect();
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            // Compared in NFC: what is typed is NFC, a name on disk may be
            // NFD (files from a Mac); the completion keeps the disk's spelling.
            let starts = name.nfc().collect::<String>().starts_with(&typed);
            if !starts || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = e.path().is_dir();
            let ext = Path::new(&name)
                .extension()
                .and_then(|x| x.to_str())
                .map(str::to_ascii_lowercase);
            if is_dir {
                Some(format!("{shown_dir}{name}/"))
            } else if matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "csv")) {
                Some(format!("{shown_dir}{name}"))
            } else {
                None
            }
        })
        .collect();
    out.sort();
    out
}

/// A typed path, a leading `~/` standing for the home folder (as a shell
/// would read it; the app's path input is not a shell).
pub fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// The longest text every completion starts with (what Tab can fill in).
pub fn common_prefix(items: &[String]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut end = first.len();
    for s in &items[1..] {
        end = first
            .char_indices()
            .zip(s.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(s.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_owned()
}

#[cfg(test)]
mod tests;
