//! The keys of the notes pane beyond adding and editing: the kind filter,
//! the search, reading a note in full, its time and agenda item, and undoing
//! a delete (notes and preparation items); and the reader over the screen.

use super::reader::{Reader, Tone};
use super::{App, Input, Pane, Purpose, Workspace};
use crate::action::Action;
use crate::domain::dates::on_screen;
use crate::domain::model::{Note, PrepItem, Session};
use crate::domain::notes;
use crate::keymap::Context;

/// Something deleted, where it was, for undo.
pub enum Deleted {
    Note {
        session: usize,
        at: usize,
        note: Note,
    },
    Prep {
        session: usize,
        at: usize,
        item: PrepItem,
    },
}

/// Takes note (or preparation item) `i` out of session `s` (number
/// `session`) for undo, with what it is called; `None` when there is none.
pub(super) fn remove(
    s: &mut Session,
    session: usize,
    note: bool,
    i: usize,
) -> Option<(Deleted, &'static str)> {
    if note {
        let note = (i < s.notes.len()).then(|| s.notes.remove(i))?;
        Some((
            Deleted::Note {
                session,
                at: i,
                note,
            },
            "メモ",
        ))
    } else {
        let item = (i < s.prep.len()).then(|| s.prep.remove(i))?;
        Some((
            Deleted::Prep {
                session,
                at: i,
                item,
            },
            "準備項目",
        ))
    }
}

/// `item` back into `list` at `at` (or at its end, when shorter now); where.
fn put_back<T>(list: &mut Vec<T>, at: usize, item: T) -> usize {
    let at = at.min(list.len());
    list.insert(at, item);
    at
}

/// At most this many deletes are remembered.
const UNDO_DEPTH: usize = 100;

impl Workspace {
    /// Remembers a delete for undo.
    pub(super) fn deleted(&mut self, d: Deleted) {
        if self.deleted.len() == UNDO_DEPTH {
            self.deleted.remove(0);
        }
        self.deleted.push(d);
    }

    /// The index in the session's notes of the note selected in the pane.
    pub(super) fn selected_note(&self) -> Option<usize> {
        self.visible_notes()
            .get(self.selected(Pane::Notes))
            .copied()
    }
}

impl App {
    /// The list keys (notes, preparation checklist, the reader); true when
    /// `action` was one of them and is done.
    pub(super) fn lists(&mut self, action: Action) -> bool {
        let Some(w) = self.workspace_mut() else {
            return false;
        };
        w.seen(action);
        // The big-digit view is for the shared screen: nothing opens under it.
        if w.presentation {
            return false;
        }
        if let Some(r) = &mut w.reader {
            match action {
                Action::Up | Action::Down => r.scroll_by(action == Action::Down),
                Action::Cancel | Action::ReadFull => w.reader = None,
                Action::LookBack if r.look_back => w.reader = None,
                // The clock keeps running under the reader, and a note can
                // be taken while reading.
                a if a.keeps_time()
                    || matches!(a, Action::QuickNote | Action::Help | Action::Quit) =>
                {
                    return false;
                }
                _ => {
                    w.reader = None;
                    return false;
                }
            }
            return true;
        }
        let pane = w.pane;
        match action {
            Action::FilterNotes if w.session_index().is_some() => {
                w.note_filter = notes::next_filter(w.note_filter);
                w.pane = Pane::Notes;
                w.select_last_note();
            }
            Action::Search if w.session_index().is_some() => {
                w.pane = Pane::Notes;
                let q = w.note_query.clone();
                self.input = Some(Input::new(Purpose::SearchNotes, "メモを検索", &q));
            }
            Action::ReadFull => self.view(),
            Action::Undo => self.undo(),
            Action::LookBack => self.look_back(),
            Action::NoteItem if pane == Pane::Notes => {
                let Some(i) = w.selected_note() else {
                    return true;
                };
                let Some(s) = w.session_mut() else {
                    return true;
                };
                let titles: Vec<&str> = s.agenda.iter().map(|a| a.title.as_str()).collect();
                let next = notes::next_item(s.notes[i].item.as_deref(), &titles);
                let said = match &next {
                    Some(t) => format!("メモの議題: {t}"),
                    None => "メモの議題: なし".into(),
                };
                s.notes[i].item = next;
                w.dirty = true;
                self.message = Some(said);
            }
            Action::Retime if pane == Pane::Notes => {
                let Some(i) = w.selected_note() else {
                    return true;
                };
                let Some(s) = w.session() else { return true };
                let day = s.date.unwrap_or(s.notes[i].at.date_naive());
                let prompt = format!("メモの時刻（{} の HH:MM）", on_screen(day));
                let text = s.notes[i].at.format("%H:%M").to_string();
                self.input = Some(Input::new(Purpose::NoteTime(i), prompt, &text));
            }
            Action::Add if pane == Pane::Prep && w.session_index().is_some() => {
                self.input = Some(Input::new(Purpose::AddPrep, "事前準備の項目を追加", ""));
            }
            _ => return false,
        }
        true
    }

    /// The search input changed: the notes pane follows at once.
    pub(super) fn input_changed(&mut self) {
        let Some(input) = &self.input else { return };
        if input.purpose != Purpose::SearchNotes {
            return;
        }
        let q = input.field.text();
        if let Some(w) = self.workspace_mut() {
            w.note_query = q;
            w.select_last_note();
        }
    }

    /// Esc in the search clears it; Esc on the screen clears the search and
    /// the kind filter (`and_filter`): all notes again.
    pub(super) fn clear_search(&mut self, and_filter: bool) -> bool {
        let Some(w) = self.workspace_mut() else {
            return false;
        };
        if w.note_query.is_empty() && !(and_filter && w.note_filter.is_some()) {
            return false;
        }
        w.note_query.clear();
        if and_filter {
            w.note_filter = None;
        }
        w.select_last_note();
        true
    }

    /// Enter in the search: the search stays on, and says what it found.
    pub(super) fn submit_search(&mut self, text: &str) {
        let esc = self.key(&[Context::Global], Action::Cancel);
        let Some(w) = self.workspace_mut() else {
            return;
        };
        w.note_query = text.to_owned();
        let n = w.select_last_note();
        if !text.is_empty() {
            self.message = Some(format!("「{text}」のメモ {n}件（{esc} で解除）"));
        }
    }

    /// A note's time typed as HH:MM: on the session's date, and the note
    /// moves to its place in time.
    pub(super) fn submit_note_time(&mut self, i: usize, text: &str) -> Result<(), String> {
        let Some(w) = self.workspace_mut() else {
            return Ok(());
        };
        let Some(s) = w.session_mut() else {
            return Ok(());
        };
        let Some(note) = s.notes.get(i) else {
            return Err("メモが見つかりません".into());
        };
        let t = notes::note_time(text, s.date, note.at)?;
        let mut note = s.notes.remove(i);
        note.at = t;
        let j = s
            .notes
            .iter()
            .position(|n| n.at > t)
            .unwrap_or(s.notes.len());
        s.notes.insert(j, note);
        w.dirty = true;
        if let Some(k) = w.visible_notes().iter().position(|&x| x == j) {
            w.set_selected(Pane::Notes, k);
        }
        self.message = Some(format!(
            "メモの時刻を {} にしました（{}）",
            t.format("%H:%M"),
            on_screen(t.date_naive())
        ));
        Ok(())
    }

    /// Puts back the last deleted note or preparation item where it was.
    fn undo(&mut self) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let Some(d) = w.deleted.pop() else {
            self.message = Some("元に戻す削除はありません".into());
            return;
        };
        let here = w.session_index();
        let (session, what) = match d {
            Deleted::Note { session, at, note } => {
                let at = put_back(&mut w.client.sessions[session].notes, at, note);
                if here == Some(session) {
                    w.pane = Pane::Notes;
                    // Shown even when the filter or the search hid it.
                    if !w.visible_notes().contains(&at) {
                        w.note_filter = None;
                        w.note_query.clear();
                    }
                    let k = w.visible_notes().iter().position(|&x| x == at);
                    w.set_selected(Pane::Notes, k.unwrap_or(0));
                }
                (session, "メモ")
            }
            Deleted::Prep { session, at, item } => {
                let at = put_back(&mut w.client.sessions[session].prep, at, item);
                if here == Some(session) {
                    w.pane = Pane::Prep;
                    w.set_selected(Pane::Prep, at);
                }
                (session, "準備項目")
            }
        };
        w.dirty = true;
        let place = if here == Some(session) {
            String::new()
        } else {
            format!("第{}回の", session + 1)
        };
        let more = match w.deleted.len() {
            0 => String::new(),
            n => format!("（まだ {n}件戻せます）"),
        };
        self.message = Some(format!("{place}{what}を元に戻しました{more}"));
    }

    /// The selected entry of the focused pane in full.
    fn view(&mut self) {
        let Some(w) = self.workspace() else { return };
        let Some(s) = w.session() else { return };
        let reader = match w.pane {
            Pane::Notes => w.selected_note().map(|i| {
                let n = &s.notes[i];
                let item = n.item.as_deref().unwrap_or("なし");
                Reader::new(
                    "メモ（全文）",
                    vec![
                        (
                            Tone::Dim,
                            format!(
                                "{}{}・{}・議題: {item}",
                                on_screen(n.at.date_naive()),
                                n.at.format("%H:%M"),
                                n.kind.label()
                            ),
                        ),
                        (Tone::Text, n.text.clone()),
                    ],
                )
            }),
            Pane::Prep => s.prep.get(w.selected(Pane::Prep)).map(|p| {
                let mut about =
                    format!("{}・{}", p.side.label(), if p.done { "済" } else { "未了" });
                if let Some(no) = p.from {
                    about.push_str(&format!("・第{no}回の依頼事項から"));
                }
                Reader::new(
                    "事前準備（全文）",
                    vec![(Tone::Dim, about), (Tone::Text, p.text.clone())],
                )
            }),
            Pane::Agenda => s.agenda.get(w.selected(Pane::Agenda)).map(|a| {
                let mut about = format!("予定 {}分", a.minutes);
                if a.fixed {
                    about.push_str("・固定");
                }
                if let Some(f) = a.form {
                    about.push_str(&format!("・{}", f.label()));
                }
                let hint = if a.hint.is_empty() {
                    (Tone::Dim, "ヒントはありません".to_owned())
                } else {
                    (Tone::Text, format!("ヒント: {}", a.hint))
                };
                Reader::new(
                    "議題（全文）",
                    vec![(Tone::Heading, a.title.clone()), (Tone::Dim, about), hint],
                )
            }),
            _ => None,
        };
        match reader {
            Some(r) => {
                if let Some(w) = self.workspace_mut() {
                    w.reader = Some(r);
                }
            }
            None if matches!(w.pane, Pane::Notes | Pane::Prep | Pane::Agenda) => {
                self.message = Some("表示する項目がありません".into());
            }
            None => {}
        }
    }
}
