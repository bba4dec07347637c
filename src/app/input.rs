//! The one-line input (quick notes, agenda titles, session facts, a new
//! client's name) and what submitting it does.

use crate::domain::model::Stamp;

use super::{App, Fact, Pane};
use crate::action::Action;
use crate::domain::dates::parse_date;
use crate::domain::model::{AgendaItem, Note, NoteKind, Session, Side};
use crate::domain::parse::{parse_attendees, parse_time};
use crate::domain::timer::Outcome;
use crate::domain::{agenda, correct, window};
use crate::keymap::Context;
use crate::widgets::Field;

/// What a text input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewNote,
    EditNote(usize),
    AddAgenda,
    AgendaTitle(usize),
    AgendaMinutes(usize),
    /// The actual start of an agenda item (a correction).
    ActualStart(usize),
    Fact(Fact),
    /// The search of the notes (the pane follows as it is typed).
    SearchNotes,
    /// The time of a note (HH:MM on the session's date).
    NoteTime(usize),
    AddPrep,
    EditPrep(usize),
    NewClientName,
    NewClientId {
        name: String,
    },
}

/// A one-line text input: the one text field, with a prompt and, for
/// notes, the kind of note.
pub struct Input {
    pub purpose: Purpose,
    pub prompt: String,
    pub field: Field,
    pub kind: NoteKind,
    /// Whose task a preparation item being added or edited is.
    pub side: Side,
}

impl Input {
    pub(crate) fn new(purpose: Purpose, prompt: impl Into<String>, text: &str) -> Input {
        // A note keeps the line breaks of a paste; everything else is one line.
        let field = match purpose {
            Purpose::NewNote | Purpose::EditNote(_) => Field::note(text),
            _ => Field::single(text),
        };
        Input {
            purpose,
            prompt: prompt.into(),
            field,
            kind: NoteKind::Note,
            side: Side::Company,
        }
    }

    /// Whether this is a preparation item (new or edited).
    pub fn is_prep(&self) -> bool {
        matches!(self.purpose, Purpose::AddPrep | Purpose::EditPrep(_))
    }

    /// Whether this is a quick note (new or edited).
    pub fn is_note(&self) -> bool {
        matches!(self.purpose, Purpose::NewNote | Purpose::EditNote(_))
    }

    /// The text, NFC, trimmed (a note may hold line breaks).
    pub fn text(&self) -> String {
        self.field.trimmed()
    }
}

impl App {
    /// An action while an input is open.
    pub(super) fn input_action(&mut self, action: Action) {
        match action {
            Action::Submit => self.submit(),
            Action::Cancel => self.cancel_input(),
            Action::CycleKind | Action::CycleKindBack => {
                let Some(i) = &mut self.input else { return };
                if i.is_note() {
                    let n = NoteKind::ALL.len();
                    let k = NoteKind::ALL.iter().position(|k| *k == i.kind).unwrap_or(0);
                    let step = if action == Action::CycleKind {
                        1
                    } else {
                        n - 1
                    };
                    i.kind = NoteKind::ALL[(k + step) % n];
                } else if i.is_prep() {
                    i.side = match i.side {
                        Side::Company => Side::Expert,
                        Side::Expert => Side::Company,
                    };
                }
            }
            _ => {}
        }
    }

    pub(crate) fn submit(&mut self) {
        let Some(input) = self.input.take() else {
            return;
        };
        let text = input.text();
        let now = self.now;
        let delete = self.key(&[Context::List], Action::Delete);
        let own = match &input.purpose {
            Purpose::SearchNotes => {
                self.submit_search(&text);
                Some(Ok(()))
            }
            Purpose::NoteTime(i) => Some(self.submit_note_time(*i, &text)),
            p @ (Purpose::AddPrep | Purpose::EditPrep(_)) => {
                Some(self.submit_prep(&p.clone(), &text, input.side, &delete))
            }
            _ => None,
        };
        if let Some(result) = own {
            if let Err(e) = result {
                self.message = Some(e);
                self.input = Some(input);
            }
            self.persist();
            return;
        }
        match input.purpose.clone() {
            Purpose::NewClientName => {
                if text.is_empty() {
                    self.message = Some("名称を入力してください".into());
                    self.input = Some(input);
                    return;
                }
                self.input = Some(Input::new(
                    Purpose::NewClientId { name: text },
                    "ID（空なら自動。英小文字・数字・-・_）",
                    "",
                ));
            }
            Purpose::NewClientId { name } => {
                let id = (!text.is_empty()).then_some(text.as_str());
                match crate::clients::create(&self.store, &self.catalog, &name, id, false) {
                    Ok(id) => {
                        if let Err(e) = self.open_client(&id, Some(1)) {
                            self.message = Some(format!("開けません: {e}"));
                        }
                    }
                    Err(e) => {
                        self.message = Some(format!("作成できません: {e}"));
                        self.input = Some(input);
                    }
                }
            }
            purpose => {
                let keys = Keys {
                    delete: self.key(&[Context::List], Action::Delete),
                    retime: self.key(&[Context::Agenda], Action::Retime),
                };
                let Some(w) = self.workspace_mut() else {
                    return;
                };
                // A new note goes to the live session, whatever tab shows.
                let target = match purpose {
                    Purpose::NewNote => w.live_session(),
                    _ => w.session_index(),
                };
                let Some(si) = target else { return };
                let shown = w.session_index() == Some(si);
                let s = &mut w.client.sessions[si];
                let now = crate::domain::clock::in_zone_of(s, now);
                let result = apply_text(s, &purpose, &text, input.kind, now, &keys);
                match result {
                    Ok(msg) => {
                        w.dirty = true;
                        let msg = match msg {
                            Some(m) if !shown => Some(format!("第{}回に{m}", si + 1)),
                            m => m,
                        };
                        if purpose == Purpose::NewNote && shown {
                            w.select_last_note();
                        }
                        if purpose == Purpose::AddAgenda {
                            let n = w.rows(Pane::Agenda);
                            w.set_selected(Pane::Agenda, n.saturating_sub(1));
                        }
                        let mut msg = msg;
                        // The next session takes the agreed date when it has none.
                        if purpose == Purpose::Fact(Fact::NextDate)
                            && let Some(i) = w.session_index()
                            && crate::domain::carry::fill_date(&mut w.client, i + 1)
                        {
                            msg = Some(format!("第{}回の実施日にも入れました", i + 2));
                        }
                        self.message = msg;
                    }
                    Err(e) => {
                        self.message = Some(e);
                        self.input = Some(input);
                    }
                }
            }
        }
        self.persist();
    }
}

/// How the message of a new note ends; a save that fails after it adds
/// `NOT_YET_SAVED` (see `App::persist`).
pub(super) const RECORDED: &str = "を記録しました";
pub(super) const NOT_YET_SAVED: &str = "（まだ保存できていません・再試行中）";

/// Keys a message after a submit names, from the keymap in effect.
struct Keys {
    delete: String,
    retime: String,
}

/// Applies a submitted text to the session; the message to show, or why not.
fn apply_text(
    s: &mut Session,
    purpose: &Purpose,
    text: &str,
    kind: NoteKind,
    now: Stamp,
    keys: &Keys,
) -> Result<Option<String>, String> {
    match purpose {
        Purpose::NewNote => {
            if text.is_empty() {
                return Ok(None);
            }
            let item = agenda::current(&s.agenda).map(|i| s.agenda[i].title.clone());
            s.notes.push(Note {
                at: now,
                kind,
                text: text.to_owned(),
                item,
                carried: false,
            });
            Ok(Some(format!("{}{RECORDED}", kind.label())))
        }
        Purpose::EditNote(i) => {
            let note = s.notes.get_mut(*i).ok_or("メモが見つかりません")?;
            if text.is_empty() {
                return Err(format!("空のメモにはできません（削除は {}）", keys.delete));
            }
            note.text = text.to_owned();
            note.kind = kind;
            Ok(Some("メモを更新しました".into()))
        }
        Purpose::AddAgenda => {
            if text.is_empty() {
                return Ok(None);
            }
            s.agenda.push(AgendaItem {
                title: text.to_owned(),
                minutes: 10,
                ..AgendaItem::default()
            });
            Ok(Some(format!(
                "議題を追加しました（{} で時間を変更）",
                keys.retime
            )))
        }
        Purpose::AgendaTitle(i) => {
            if text.is_empty() {
                return Err("議題名は空にできません".into());
            }
            s.agenda.get_mut(*i).ok_or("議題が見つかりません")?.title = text.to_owned();
            Ok(None)
        }
        Purpose::AgendaMinutes(i) => {
            let m: u32 = text
                .parse()
                .ok()
                .filter(|m| (1..=600).contains(m))
                .ok_or("1〜600 の分数を入力します")?;
            s.agenda.get_mut(*i).ok_or("議題が見つかりません")?.minutes = m;
            Ok(None)
        }
        Purpose::ActualStart(i) => {
            let t = parse_time(text)?.ok_or("実際の開始時刻を 13:42 の形で入力します")?;
            let out = correct::correct_start(s, *i, t, now)?;
            let also = match out {
                Outcome::Corrected { first: true, .. } => "。回の開始も訂正",
                Outcome::Corrected { prev: Some(_), .. } => "。前の議題の終了も同じ時刻に",
                _ => "",
            };
            Ok(Some(format!(
                "開始時刻を {} に訂正しました（{}{also}）",
                t.format("%H:%M"),
                s.agenda[*i].title
            )))
        }
        Purpose::Fact(Fact::End) => set_end(s, text),
        Purpose::Fact(f) => {
            match f {
                Fact::Date => s.date = parse_date(text)?,
                Fact::NextDate => s.next_date = parse_date(text)?,
                Fact::Start => {
                    s.start = parse_time(text)?;
                    if window::settle_end(s) {
                        return Ok(None);
                    }
                    return Ok(s.start.zip(s.end).map(|(a, b)| {
                        format!(
                            "開始 {}（終了予定 {} はそのまま。枠{}分）",
                            a.format("%H:%M"),
                            b.format("%H:%M"),
                            window::window_minutes(s).unwrap_or(0)
                        )
                    }));
                }
                Fact::Place => s.place = text.to_owned(),
                Fact::Attendees => s.attendees = parse_attendees(text),
                Fact::Mode | Fact::End | Fact::Report => {}
            }
            Ok(None)
        }
        Purpose::NewClientName
        | Purpose::NewClientId { .. }
        | Purpose::SearchNotes
        | Purpose::NoteTime(_)
        | Purpose::AddPrep
        | Purpose::EditPrep(_) => Ok(None),
    }
}

/// The fixed end (終了予定) from what was typed: a time after the start, or
/// blank for the plan's end (start plus the agenda's minutes).
fn set_end(s: &mut Session, text: &str) -> Result<Option<String>, String> {
    let typed = parse_time(text)?;
    if let (Some(end), Some(start)) = (typed, s.start)
        && end <= start
    {
        return Err(format!(
            "終了予定は開始 {} より後の時刻にします",
            start.format("%H:%M")
        ));
    }
    s.end = typed.or_else(|| window::default_end(s));
    Ok(s.end.map(|end| {
        format!(
            "終了予定 {}（枠{}分）{}",
            end.format("%H:%M"),
            window::window_minutes(s).unwrap_or(0),
            if typed.is_none() {
                "：計画の終わりに戻しました"
            } else {
                ""
            }
        )
    }))
}
