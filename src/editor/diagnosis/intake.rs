//! Questionnaires out and filled files back in, from the walkthrough.
//!
//! `write_questionnaires` writes one questionnaire per respondent registered
//! without answers (one blank form when there is none) into
//! `<data>/clients/<id>/questionnaires/<timestamp>/` and lists the files. It
//! only writes files, so it works on a read-only client too.
//!
//! `import_answers` opens a one-line path input; [editor] keys apply in it:
//! `cycle_kind` (Tab) completes the file or folder name (the common part when
//! several match, and lists them), `submit` (Enter) imports the file — or
//! every spreadsheet of a folder — into the client and lists one line per
//! file as the command line prints them, `cancel` (Esc) closes. A file whose
//! respondent is already present is refused; the offer to replace them
//! stands until the text is changed: `submit` once more replaces exactly
//! those files' respondents.

use std::path::{Path, PathBuf};

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_normalization::UnicodeNormalization;

use crate::action::Action;
use crate::domain::model::Client;
use crate::editor::{Ctx, Outcome};
use crate::export::questionnaire::{default_dir, pending_forms, write_questionnaires};
use crate::import::{FileLine, Refusal, common_prefix, complete_path, expand_home, import_into};
use crate::keymap::Context;
use crate::widgets::{Field, Step, fit_text};

/// Cells a folder shown in a popup line is broken at (a popup is at most the
/// screen width less 4; 80 columns is the smallest screen).
const POPUP_CELLS: usize = 72;

/// Files a popup lists at the most (it fits 24 rows with the lines around).
const MAX_LISTED: usize = 12;

/// Writes the questionnaires and says which files, in a popup.
pub(super) fn write_forms(client: &Client, ctx: &Ctx) -> Outcome {
    let forms = pending_forms(client);
    let written = default_dir(ctx.store, &client.id, ctx.now).and_then(|dir| {
        let dir = unused(dir);
        write_questionnaires(ctx.catalog, client, &forms, &dir, ctx.now.date_naive())
            .map(|w| (dir, w))
    });
    let message = match written {
        Err(e) => format!("回答用紙を書き出せませんでした: {e}"),
        Ok((dir, files)) => {
            let head = if forms.is_empty() {
                "回答のない回答者がいないので、白紙の回答用紙を 1 件書き出しました:".to_owned()
            } else {
                format!(
                    "回答用紙を {} 件書き出しました（回答のない回答者ごと）:",
                    files.len()
                )
            };
            let mut lines = vec![head];
            // A popup does not scroll: a long list is cut short (the folder has them all).
            let shown = if files.len() > MAX_LISTED {
                MAX_LISTED - 1
            } else {
                files.len()
            };
            lines.extend(files[..shown].iter().map(|f| format!("  {}", file_name(f))));
            if shown < files.len() {
                lines.push(format!("  ほか {} 件", files.len() - shown));
            }
            lines.push("フォルダ:".into());
            lines.extend(
                crate::text::wrap(&dir.display().to_string(), POPUP_CELLS)
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
            lines.push(format!(
                "送って記入してもらい、戻ったファイルを {} で取り込みます。",
                ctx.key_in(&[Context::Diagnosis], Action::ImportAnswers)
            ));
            lines.join("\n")
        }
    };
    Outcome {
        message: Some(message),
        ..Outcome::consumed()
    }
}

/// `dir`, or `dir-2`, `dir-3`, … when it exists (written twice within a
/// second): the forms of an earlier call are never in the way.
fn unused(dir: PathBuf) -> PathBuf {
    if !dir.exists() {
        return dir;
    }
    (2..)
        .map(|n| {
            let mut d = dir.clone().into_os_string();
            d.push(format!("-{n}"));
            PathBuf::from(d)
        })
        .find(|d| !d.exists())
        .unwrap_or(dir)
}

/// A path as a terminal pastes a dropped file: `'/a/回答 戻り/x.xlsx' ` or
/// `/a/回答\ 戻り/x.xlsx` → `/a/回答 戻り/x.xlsx`; anything else unchanged.
fn unquote(text: &str) -> String {
    let t = text.trim();
    for q in ['\'', '"'] {
        if let Some(inner) = t.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_owned();
        }
    }
    if t.contains("\\ ") {
        return t.replace("\\ ", " ");
    }
    text.to_owned()
}

/// The file's name as shown (NFC).
fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
        .nfc()
        .collect()
}

fn exists(l: &FileLine) -> bool {
    matches!(l.result, Err(Refusal::Exists { .. }))
}

/// The path input and what the last import did.
pub(super) struct ImportPanel {
    field: Field,
    /// The completion last put into the field, as the file system spells it
    /// (the field's text is NFC; a name on disk may not be).
    completed: Option<String>,
    /// Completions listed when Tab found several.
    choices: Vec<String>,
    /// A line about the last key (nothing matches, nothing to import).
    note: Option<String>,
    /// One line per file of the last import.
    lines: Vec<FileLine>,
    /// Files refused because their respondent is present: `submit` replaces.
    offer: Vec<PathBuf>,
    /// Something was imported since the input opened.
    pub(super) imported: bool,
}

impl ImportPanel {
    pub(super) fn new() -> ImportPanel {
        ImportPanel {
            field: Field::single(""),
            completed: None,
            choices: Vec::new(),
            note: None,
            lines: Vec::new(),
            offer: Vec::new(),
            imported: false,
        }
    }

    /// What was typed, spelled as on disk when it is the last completion,
    /// without the quotes a terminal adds to a file dropped on it.
    fn typed(&self) -> String {
        let text = self.field.text();
        match &self.completed {
            Some(raw) if raw.nfc().collect::<String>() == text => raw.clone(),
            _ => unquote(&text),
        }
    }

    fn edited(&mut self) {
        self.offer.clear();
        self.choices.clear();
        self.note = None;
    }

    /// One key; true when the input is to close.
    pub(super) fn key(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
    ) -> (Outcome, bool) {
        match action {
            Some(Action::Cancel) => return (Outcome::consumed(), true),
            Some(Action::Submit) => return (self.submit(client), false),
            Some(Action::CycleKind) => self.complete(),
            _ => {
                if self.field.key(ev, action) == Step::Changed {
                    self.edited();
                }
            }
        }
        (Outcome::consumed(), false)
    }

    pub(super) fn paste(&mut self, text: &str) {
        if self.field.paste(text) == Step::Changed {
            self.edited();
        }
    }

    fn complete(&mut self) {
        let typed = self.typed();
        let found = complete_path(&typed);
        self.note = None;
        match found.as_slice() {
            [] => {
                self.choices.clear();
                self.note = Some(if typed.is_empty() {
                    "このフォルダには、フォルダも表計算ファイル（.xlsx .xlsm .csv）もありません"
                        .to_owned()
                } else {
                    format!(
                        "「{typed}」に当たるフォルダも表計算ファイル（.xlsx .xlsm .csv）もありません"
                    )
                });
            }
            [one] => {
                let one = one.clone();
                self.set(&one);
            }
            _ => {
                let common = common_prefix(&found);
                if common.len() > typed.len() {
                    self.set(&common);
                }
                self.choices = found;
            }
        }
    }

    /// Puts a completion into the field: shown NFC, kept as on disk.
    fn set(&mut self, text: &str) {
        self.field = Field::single(&text.nfc().collect::<String>());
        self.completed = Some(text.to_owned());
        self.edited();
    }

    fn submit(&mut self, client: &mut Client) -> Outcome {
        let typed = self.typed();
        let typed = typed.trim();
        if typed.is_empty() {
            self.note = Some("取り込むファイルかフォルダの名前を入力してください".into());
            return Outcome::consumed();
        }
        self.choices.clear();
        self.note = None;
        let replace = !self.offer.is_empty();
        let paths = if replace {
            std::mem::take(&mut self.offer)
        } else {
            vec![expand_home(typed)]
        };
        let lines = match import_into(client, &paths, &[], replace) {
            Ok(lines) => lines,
            Err(why) => {
                self.note = Some(why);
                return Outcome::consumed();
            }
        };
        let any = lines.iter().any(FileLine::imported);
        self.imported |= any;
        if replace {
            // The refused lines give way to what replacing them did.
            let mut merged = Vec::new();
            for l in std::mem::take(&mut self.lines) {
                if exists(&l) && paths.contains(&l.path) {
                    merged.extend(lines.iter().filter(|n| n.path == l.path).cloned());
                } else {
                    merged.push(l);
                }
            }
            self.lines = merged;
        } else {
            if lines.is_empty() {
                self.note =
                    Some("このフォルダには表計算ファイル（.xlsx .xlsm .csv）がありません".into());
            }
            self.offer = lines
                .iter()
                .filter(|l| exists(l))
                .map(|l| l.path.clone())
                .collect();
            self.lines = lines;
        }
        if any {
            Outcome::changed()
        } else {
            Outcome::consumed()
        }
    }

    /// The hint bar: keys of [editor].
    pub(super) fn hints(&self, ctx: &Ctx) -> Line<'static> {
        use Action::*;
        let items: &[(&[Action], &str)] = if self.offer.is_empty() {
            &[
                (&[CycleKind], "ファイル名を補完"),
                (&[Submit], "取り込む"),
                (&[Cancel], "閉じる"),
            ]
        } else {
            &[
                (&[Submit], "置き換えて取り込む"),
                (&[Cancel], "置き換えずに閉じる"),
            ]
        };
        crate::widgets::bar(ctx.keymap, &[Context::Editor], items, ctx.theme)
    }

    /// The lines below the field: candidates, or the last import, or a note.
    /// `compact`: each file on one line, cut at the width (many files on a
    /// small screen).
    fn body(&self, ctx: &Ctx, width: usize, compact: bool) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let key = |a: Action| ctx.key_in(&[Context::Editor], a);
        let mut out: Vec<Line<'static>> = Vec::new();
        if let Some(note) = &self.note {
            out.extend(fit_text(note, width, theme.warn()));
        }
        if !self.choices.is_empty() {
            out.push(Line::styled(
                format!(
                    "候補 {} 件（続きを入力して {}）:",
                    self.choices.len(),
                    key(Action::CycleKind)
                ),
                theme.dim(),
            ));
            for c in &self.choices {
                // The part after the folder typed; folders keep their `/`.
                let shown = c.trim_end_matches('/').rsplit('/').next().unwrap_or(c);
                let slash = if c.ends_with('/') { "/" } else { "" };
                let shown: String = shown.nfc().collect();
                out.push(Line::raw(crate::text::cut(
                    &format!("  {shown}{slash}"),
                    width,
                )));
            }
            return out;
        }
        if self.lines.is_empty() && self.note.is_none() {
            out.extend(fit_text(
                &format!(
                    "記入済みの回答用紙（.xlsx）、自社診断結果の回答者シート、CSV を取り込みます。\
                     フォルダを指定すると、その中の表計算ファイルをすべて取り込みます。\
                     ~/ はホームフォルダです。{} でファイル名を補完します。",
                    key(Action::CycleKind)
                ),
                width,
                theme.dim(),
            ));
            return out;
        }
        let done = self.lines.iter().filter(|l| l.imported()).count();
        if !self.lines.is_empty() {
            out.push(Line::styled(
                format!(
                    "{} 件取り込み、{} 件は取り込みませんでした:",
                    done,
                    self.lines.len() - done
                ),
                theme.dim(),
            ));
        }
        for l in &self.lines {
            let (mark, style) = if l.imported() {
                ("OK ", theme.ok())
            } else {
                ("NG ", theme.warn())
            };
            let (file, outcome) = result_line(l);
            let room = width.saturating_sub(3);
            let one = format!("{file} {outcome}");
            // Too long for one line: the file on its own, the outcome below.
            let chunks = if compact {
                vec![crate::text::cut(&one, room)]
            } else if crate::text::width(&one) <= room {
                vec![one]
            } else {
                let mut c = crate::text::wrap(&file, room);
                c.extend(crate::text::wrap(&outcome, room));
                c
            };
            for (i, chunk) in chunks.into_iter().enumerate() {
                let head = if i == 0 { mark } else { "   " };
                out.push(Line::from(vec![
                    Span::styled(head, style),
                    Span::raw(chunk),
                ]));
            }
        }
        if !self.offer.is_empty() {
            out.push(Line::raw(""));
            out.extend(fit_text(
                &format!(
                    "NG の {} 件の回答者はもう登録されています。{} をもう一度押すと、今の回答を\
                     このファイルの回答で置き換えます（{} で置き換えずに閉じる。文字を直すと取り消し）。",
                    self.offer.len(),
                    key(Action::Submit),
                    key(Action::Cancel)
                ),
                width,
                theme.warn(),
            ));
        }
        out
    }

    /// The line above the input, in place of the views' tabs.
    pub(super) fn draw_title(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        frame.render_widget(
            Line::from(vec![
                Span::styled(" 自社診断 ", ctx.theme.title()),
                Span::styled(
                    "  記入済みの回答を取り込みます（取り込んだ回答者は集計に出ます）",
                    ctx.theme.dim(),
                ),
            ]),
            area,
        );
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let block = crate::widgets::block(" 回答ファイルの取り込み ", true, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [field_area, list] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);
        let field_block = crate::widgets::block(" ファイルまたはフォルダ ", true, theme);
        let field_inner = field_block.inner(field_area);
        frame.render_widget(field_block, field_area);
        self.field.render(frame, field_inner, true);
        let width = usize::from(list.width.saturating_sub(1)).max(10);
        let room = usize::from(list.height);
        let mut lines = self.body(ctx, width, false);
        if lines.len() > room {
            lines = self.body(ctx, width, true);
        }
        if lines.len() > room {
            let hidden = lines.len() - room + 1;
            lines.truncate(room - 1);
            lines.push(Line::styled(
                format!("（ほか {hidden} 行。画面を大きくすると見えます）"),
                theme.dim(),
            ));
        }
        let list = crate::widgets::block::off_left(list);
        frame.render_widget(Paragraph::new(lines), list);
    }
}

/// A file's line as the command line prints it — the file (with `:`) and
/// its outcome — the path shortened to the file name (the field shows the
/// rest), worded for the app where the command line names its flags.
fn result_line(l: &FileLine) -> (String, String) {
    let sheet = l
        .sheet
        .as_ref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    let file = format!("{}{sheet}:", file_name(&l.path));
    let outcome = match &l.result {
        Ok(summary) => summary.clone(),
        Err(Refusal::Exists { who }) => {
            format!("取り込みませんでした。{who} はもう登録されています")
        }
        Err(Refusal::Unnamed { sheet }) => format!(
            "取り込みませんでした。{}回答者名か立場が空です（回答用紙に記入して保存し直してください）",
            sheet
                .as_ref()
                .map(|s| format!("シート「{s}」: "))
                .unwrap_or_default()
        ),
        Err(why) => format!("取り込みませんでした。{why}"),
    };
    (file, outcome)
}

#[cfg(test)]
mod tests {
    use super::unquote;

    #[test]
    fn a_dropped_file_loses_the_quotes_the_terminal_added() {
        assert_eq!(unquote("'/a/回答 戻り/x.xlsx' "), "/a/回答 戻り/x.xlsx");
        assert_eq!(unquote("\"/a/b c.csv\""), "/a/b c.csv");
        assert_eq!(unquote("/a/回答\\ 戻り/x.xlsx"), "/a/回答 戻り/x.xlsx");
        assert_eq!(unquote("~/回答用紙/"), "~/回答用紙/");
        assert_eq!(unquote("it's"), "it's");
    }
}
