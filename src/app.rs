//! Application state and `update(action)`: the only place state changes.
//! Drawing (ui) reads this and never mutates it.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;
use unicode_normalization::UnicodeNormalization;

use crate::action::Action;
use crate::config::Settings;
use crate::content::Catalog;
use crate::domain::agenda::{self, SqueezeError};
use crate::domain::model::{AgendaItem, Attendee, Client, FormKind, Mode, Note, NoteKind, Session};
use crate::domain::timer::{self, Outcome};
use crate::editor::{self, Ctx, Editor};
use crate::keymap::{Context, Key, Keymap};
use crate::store::{ClientLock, Listed, Store, StoreError};

/// Panes of a session screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Notes,
    Facts,
    Prep,
    Form,
}

impl Pane {
    pub const ORDER: [Pane; 5] = [
        Pane::Agenda,
        Pane::Notes,
        Pane::Facts,
        Pane::Prep,
        Pane::Form,
    ];

    pub fn context(self) -> Context {
        match self {
            Pane::Agenda => Context::Agenda,
            _ => Context::List,
        }
    }
}

/// Session facts, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Date,
    Start,
    Mode,
    Place,
    Attendees,
    NextDate,
}

impl Fact {
    pub const ALL: [Fact; 6] = [
        Fact::Date,
        Fact::Start,
        Fact::Mode,
        Fact::Place,
        Fact::Attendees,
        Fact::NextDate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Fact::Date => "実施日",
            Fact::Start => "開始",
            Fact::Mode => "形態",
            Fact::Place => "場所",
            Fact::Attendees => "出席者",
            Fact::NextDate => "次回",
        }
    }
}

/// What a text input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewNote,
    EditNote(usize),
    AddAgenda,
    AgendaTitle(usize),
    AgendaMinutes(usize),
    Fact(Fact),
    NewClientName,
    NewClientId { name: String },
}

/// A one-line text input with the real cursor (the textarea keeps undo).
pub struct Input {
    pub purpose: Purpose,
    pub prompt: String,
    pub area: TextArea<'static>,
    pub kind: NoteKind,
}

impl Input {
    fn new(purpose: Purpose, prompt: impl Into<String>, text: &str) -> Input {
        let mut area = TextArea::new(vec![text.to_owned()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Input {
            purpose,
            prompt: prompt.into(),
            area,
            kind: NoteKind::Note,
        }
    }

    /// The text, one line, NFC.
    pub fn text(&self) -> String {
        self.area
            .lines()
            .join(" ")
            .nfc()
            .collect::<String>()
            .trim()
            .to_owned()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved(NaiveDateTime),
    Failed(String),
    ReadOnly(String),
}

/// The client being worked on.
pub struct Workspace {
    pub client: Client,
    pub lock: Option<ClientLock>,
    /// 0 = profile, 1–4 = sessions.
    pub tab: u8,
    pub pane: Pane,
    pub sel: [usize; 5],
    pub requests_only: bool,
    /// Form shown in the form pane (defaults by session).
    pub form: Option<FormKind>,
    pub presentation: bool,
    pub save: SaveState,
    pub dirty: bool,
    /// (item index, stage) of the last warning given: 1 = near the end, 2 = over.
    pub warned: Option<(usize, u8)>,
    /// A delete waiting for its confirmation (pane, index).
    pub confirm: Option<(Pane, usize)>,
    /// A form editor open over the tab.
    pub editor: Option<Box<dyn Editor>>,
}

impl Workspace {
    pub fn session_index(&self) -> Option<usize> {
        (1..=4)
            .contains(&self.tab)
            .then(|| usize::from(self.tab) - 1)
    }

    pub fn session(&self) -> Option<&Session> {
        self.session_index().map(|i| &self.client.sessions[i])
    }

    fn session_mut(&mut self) -> Option<&mut Session> {
        self.session_index().map(|i| &mut self.client.sessions[i])
    }

    pub fn selected(&self, pane: Pane) -> usize {
        self.sel[Pane::ORDER.iter().position(|p| *p == pane).unwrap_or(0)]
    }

    fn set_selected(&mut self, pane: Pane, v: usize) {
        let i = Pane::ORDER.iter().position(|p| *p == pane).unwrap_or(0);
        self.sel[i] = v;
    }

    /// Indices of the notes shown in the notes pane.
    pub fn visible_notes(&self) -> Vec<usize> {
        self.session()
            .map(|s| {
                (0..s.notes.len())
                    .filter(|i| !self.requests_only || s.notes[*i].kind == NoteKind::Request)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Number of rows in a pane, for moving the selection.
    pub fn rows(&self, pane: Pane) -> usize {
        let Some(s) = self.session() else { return 0 };
        match pane {
            Pane::Agenda => s.agenda.len(),
            Pane::Notes => self.visible_notes().len(),
            Pane::Facts => Fact::ALL.len(),
            Pane::Prep => s.prep.len(),
            Pane::Form => usize::MAX,
        }
    }

    /// The form the form pane shows.
    pub fn shown_form(&self) -> FormKind {
        self.form.unwrap_or(match self.tab {
            1 => FormKind::Hearing,
            2 => FormKind::Regulations,
            _ => FormKind::Plan,
        })
    }
}

/// The client picker.
pub struct Picker {
    pub clients: Vec<Listed>,
    pub filter: TextArea<'static>,
    pub sel: usize,
}

impl Picker {
    /// Indices of clients matching the filter (id or name, case-insensitive).
    pub fn matches(&self) -> Vec<usize> {
        let f: String = self
            .filter
            .lines()
            .join("")
            .nfc()
            .collect::<String>()
            .to_lowercase();
        self.clients
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                f.is_empty()
                    || l.id.contains(&f)
                    || l.client.as_ref().is_ok_and(|c| {
                        c.profile
                            .name
                            .nfc()
                            .collect::<String>()
                            .to_lowercase()
                            .contains(&f)
                    })
            })
            .map(|(i, _)| i)
            .collect()
    }
}

pub enum Screen {
    Picker(Box<Picker>),
    Client(Box<Workspace>),
}

/// Everything the UI shows.
pub struct App {
    pub catalog: Catalog,
    pub keymap: Keymap,
    pub settings: Settings,
    pub store: Store,
    pub screen: Screen,
    pub input: Option<Input>,
    pub help: bool,
    /// A message; a popup when it has several lines.
    pub message: Option<String>,
    pub quit: bool,
    pub now: NaiveDateTime,
    /// Bells to ring on the next draw.
    pub bell: u8,
    /// Changes are saved by `flush` once per batch of events (the terminal
    /// loop sets this) instead of after every key: a burst of IME input is
    /// one save, still on disk within the same loop turn.
    pub batch_saves: bool,
    /// Colours or not (`NO_COLOR`), read once at start.
    pub theme: crate::ui::Theme,
    /// Quit was pressed once while changes could not be saved.
    quit_armed: bool,
}

impl App {
    pub fn new(
        catalog: Catalog,
        keymap: Keymap,
        settings: Settings,
        store: Store,
        now: NaiveDateTime,
    ) -> App {
        App {
            catalog,
            keymap,
            settings,
            store,
            screen: Screen::Picker(Box::new(Picker {
                clients: Vec::new(),
                filter: TextArea::default(),
                sel: 0,
            })),
            input: None,
            help: false,
            message: None,
            quit: false,
            now,
            bell: 0,
            batch_saves: false,
            theme: crate::ui::Theme::from_env(),
            quit_armed: false,
        }
    }

    /// Shows the picker with the clients on disk.
    pub fn show_picker(&mut self) {
        let clients = self.store.list().unwrap_or_else(|e| {
            self.message = Some(format!("一覧を読めません: {e}"));
            Vec::new()
        });
        self.screen = Screen::Picker(Box::new(Picker {
            clients,
            filter: TextArea::default(),
            sel: 0,
        }));
    }

    /// Opens a client for writing, or read-only when another process holds it.
    pub fn open_client(&mut self, id: &str, session: Option<u8>) -> Result<(), StoreError> {
        let (client, lock, save) = match self.store.open(id) {
            Ok(o) => {
                if let Some(b) = &o.upgraded_backup {
                    self.message = Some(format!(
                        "旧形式のファイルを更新しました（元のファイル: {}）",
                        b.display()
                    ));
                }
                if !o.notices.is_empty() {
                    // Modes tightened, leftovers of an interrupted save removed (issue 12).
                    let mut lines = self.message.take().into_iter().collect::<Vec<_>>();
                    lines.extend(o.notices.iter().cloned());
                    self.message = Some(lines.join("\n"));
                }
                (o.client, Some(o.lock), SaveState::Saved(self.now))
            }
            Err(StoreError::Locked(h)) => {
                let client = self.store.load(id)?.client;
                let why = format!(
                    "読み取り専用: 別の画面で開かれています（pid {}、{}、{} から）",
                    h.pid.map_or("?".into(), |p| p.to_string()),
                    h.host.as_deref().unwrap_or("?"),
                    h.since.as_deref().unwrap_or("?")
                );
                (client, None, SaveState::ReadOnly(why))
            }
            // A full disk or read-only file system: still show the client (issue 12).
            Err(e) if e.read_only_reason().is_some() => {
                let client = self.store.load(id)?.client;
                let why = format!("読み取り専用: {}", e.read_only_reason().unwrap_or_default());
                (client, None, SaveState::ReadOnly(why))
            }
            Err(e) => return Err(e),
        };
        let tab = session.unwrap_or_else(|| {
            // Start on the first session not yet done.
            client
                .sessions
                .iter()
                .position(|s| s.completed_at.is_none())
                .map_or(4, |i| i as u8 + 1)
        });
        self.screen = Screen::Client(Box::new(Workspace {
            client,
            lock,
            tab,
            pane: Pane::Agenda,
            sel: [0; 5],
            requests_only: false,
            form: None,
            presentation: false,
            save,
            dirty: false,
            warned: None,
            confirm: None,
            editor: None,
        }));
        Ok(())
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        match &self.screen {
            Screen::Client(w) => Some(w),
            Screen::Picker(_) => None,
        }
    }

    fn workspace_mut(&mut self) -> Option<&mut Workspace> {
        match &mut self.screen {
            Screen::Client(w) => Some(w),
            Screen::Picker(_) => None,
        }
    }

    /// The contexts a key is looked up in now, innermost first.
    pub fn contexts(&self) -> Vec<Context> {
        if self.input.is_some() {
            return vec![Context::Editor];
        }
        match &self.screen {
            Screen::Picker(_) => vec![Context::Picker],
            Screen::Client(w) if w.presentation => vec![Context::Global],
            Screen::Client(w) => match &w.editor {
                Some(e) if e.typing() => vec![Context::Editor],
                Some(e) => {
                    let mut c = e.contexts();
                    c.push(Context::Global);
                    c
                }
                None if w.tab == 0 => vec![Context::List, Context::Global],
                None => vec![w.pane.context(), Context::Global],
            },
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, ev: &Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(k),
            Event::Paste(text) => {
                let one_line: String = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(input) = &mut self.input {
                    input.area.insert_str(one_line);
                } else if self
                    .workspace()
                    .is_some_and(|w| w.editor.as_ref().is_some_and(|e| e.typing()))
                {
                    self.with_editor(|e, client, ctx| e.paste(text, client, ctx));
                } else if let Screen::Picker(p) = &mut self.screen {
                    p.filter.insert_str(one_line);
                    p.sel = 0;
                }
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, ev: &KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        let key = Key::from_event(ev);
        if self.help {
            self.help = false;
            return;
        }
        // A popup (several lines) is dismissed by Esc or Enter without
        // acting on them; a one-line message just goes away.
        if self.input.is_none()
            && let Some(msg) = self.message.take()
            && msg.contains('\n')
            && matches!(ev.code, KeyCode::Esc | KeyCode::Enter)
        {
            return;
        }
        let action = self.keymap.lookup(&self.contexts(), key);
        if let Some(input) = &mut self.input {
            match action {
                Some(a) => self.update(a),
                None => {
                    input.area.input(*ev);
                }
            }
            return;
        }
        if let Screen::Picker(p) = &mut self.screen {
            match action {
                Some(a) => self.update(a),
                None if matches!(
                    ev.code,
                    KeyCode::Char(_)
                        | KeyCode::Backspace
                        | KeyCode::Delete
                        | KeyCode::Left
                        | KeyCode::Right
                ) =>
                {
                    p.filter.input(*ev);
                    p.sel = 0;
                }
                None => {}
            }
            return;
        }
        if self.workspace().is_some_and(|w| w.editor.is_some()) {
            let out = self.with_editor(|e, client, ctx| e.key(ev, action, client, ctx));
            if out.consumed {
                return;
            }
            if action == Some(Action::Cancel) {
                if let Some(w) = self.workspace_mut() {
                    w.editor = None;
                }
                return;
            }
        }
        if let Some(a) = action {
            self.update(a);
        }
    }

    /// Runs `f` on the open editor with the client and the context, then
    /// applies its outcome (save, close, message).
    fn with_editor(
        &mut self,
        f: impl FnOnce(&mut dyn Editor, &mut Client, &Ctx) -> editor::Outcome,
    ) -> editor::Outcome {
        let Screen::Client(w) = &mut self.screen else {
            return editor::Outcome::ignored();
        };
        let Some(mut ed) = w.editor.take() else {
            return editor::Outcome::ignored();
        };
        let read_only = matches!(w.save, SaveState::ReadOnly(_));
        let before = read_only.then(|| w.client.clone());
        let ctx = Ctx {
            catalog: &self.catalog,
            keymap: &self.keymap,
            now: self.now,
            theme: self.theme,
        };
        let out = f(ed.as_mut(), &mut w.client, &ctx);
        if let Some(before) = before.filter(|_| out.changed) {
            // Read-only: undo the change and say why.
            w.client = before;
            self.message = Some("読み取り専用で開いています。変更はできません".into());
        } else if out.changed {
            w.dirty = true;
        }
        if !out.close {
            w.editor = Some(ed);
        }
        if let Some(m) = &out.message {
            self.message = Some(m.clone());
        }
        self.persist();
        out
    }

    /// Opens the editor of `form`; false when it has none.
    fn open_editor(&mut self, form: FormKind) -> bool {
        let Screen::Client(w) = &mut self.screen else {
            return false;
        };
        match editor::open(form, &w.client, &self.catalog) {
            Some(e) => {
                w.editor = Some(e);
                true
            }
            None => false,
        }
    }

    /// Applies an action. The only place state changes.
    pub fn update(&mut self, action: Action) {
        if self.input.is_some() {
            match action {
                Action::Submit => self.submit(),
                Action::Cancel => self.input = None,
                Action::CycleKind => {
                    if let Some(i) = &mut self.input
                        && matches!(i.purpose, Purpose::NewNote | Purpose::EditNote(_))
                    {
                        let k = NoteKind::ALL.iter().position(|k| *k == i.kind).unwrap_or(0);
                        i.kind = NoteKind::ALL[(k + 1) % NoteKind::ALL.len()];
                    }
                }
                _ => {}
            }
            return;
        }
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Quit => {
                // Never leave silently with changes that could not be saved.
                self.flush();
                let unsaved = self
                    .workspace()
                    .is_some_and(|w| w.dirty && matches!(w.save, SaveState::Failed(_)));
                if unsaved && !armed {
                    self.quit_armed = true;
                    self.message = Some(
                        "保存できていない変更があります（保存失敗・再試行中）。もう一度 終了キーで、保存せずに終了します"
                            .into(),
                    );
                    return;
                }
                self.quit = true;
            }
            Action::Help => self.help = true,
            _ => {}
        }
        if let Screen::Picker(p) = &mut self.screen {
            let n = p.matches().len();
            match action {
                Action::Up => p.sel = p.sel.saturating_sub(1),
                Action::Down => p.sel = (p.sel + 1).min(n.saturating_sub(1)),
                Action::Open => {
                    if let Some(&i) = p.matches().get(p.sel) {
                        let id = p.clients[i].id.clone();
                        if let Err(e) = self.open_client(&id, None) {
                            self.message = Some(format!("開けません: {e}"));
                        }
                    }
                }
                Action::NewClient => {
                    self.input = Some(Input::new(Purpose::NewClientName, "新しい企業の名称", ""))
                }
                _ => {}
            }
            return;
        }
        let read_only = matches!(
            self.workspace().map(|w| &w.save),
            Some(SaveState::ReadOnly(_))
        );
        if read_only && action.mutates() {
            self.message = Some("読み取り専用で開いています。変更はできません".into());
            return;
        }
        let Some(w) = self.workspace_mut() else {
            return;
        };
        if w.confirm.is_some() && action != Action::Delete {
            w.confirm = None;
        }
        match action {
            Action::Tab(t) => {
                w.editor = None;
                w.tab = t;
                w.form = None;
                w.requests_only = false;
                w.warned = None;
            }
            Action::NextPane | Action::PrevPane => {
                let i = Pane::ORDER.iter().position(|p| *p == w.pane).unwrap_or(0);
                let n = Pane::ORDER.len();
                let j = if action == Action::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                w.pane = Pane::ORDER[j];
            }
            Action::Up => {
                let v = w.selected(w.pane).saturating_sub(1);
                w.set_selected(w.pane, v);
            }
            Action::Down => {
                let max = w.rows(w.pane).saturating_sub(1);
                let v = (w.selected(w.pane) + 1).min(max);
                w.set_selected(w.pane, v);
            }
            Action::Presentation => w.presentation = !w.presentation,
            Action::Cancel => {
                w.presentation = false;
                w.confirm = None;
            }
            Action::CycleForm => {
                const FORMS: [FormKind; 5] = [
                    FormKind::Hearing,
                    FormKind::Diagnosis,
                    FormKind::Policy,
                    FormKind::Regulations,
                    FormKind::Plan,
                ];
                let i = FORMS.iter().position(|f| *f == w.shown_form()).unwrap_or(0);
                w.form = Some(FORMS[(i + 1) % FORMS.len()]);
                w.pane = Pane::Form;
                w.set_selected(Pane::Form, 0);
            }
            Action::Requests => {
                w.requests_only = !w.requests_only;
                w.set_selected(Pane::Notes, 0);
            }
            Action::Export => self.export(),
            Action::QuickNote => {
                if w.session_index().is_some() {
                    self.input = Some(Input::new(Purpose::NewNote, "メモ", ""));
                } else {
                    self.message = Some("メモは各回の画面で取ります（1〜4 で切り替え）".into());
                }
            }
            Action::TimerToggle
            | Action::NextItem
            | Action::PrevItem
            | Action::Extend
            | Action::Shorten
            | Action::Replan => {
                self.timer(action);
            }
            Action::Toggle => self.toggle(),
            Action::Edit => self.edit(),
            Action::Add if w.pane == Pane::Agenda && w.session_index().is_some() => {
                self.input = Some(Input::new(
                    Purpose::AddAgenda,
                    "追加する議題（10分で追加されます）",
                    "",
                ));
            }
            Action::Retime if w.pane == Pane::Agenda => {
                let i = w.selected(Pane::Agenda);
                if let Some(item) = w.session().and_then(|s| s.agenda.get(i)) {
                    let text = item.minutes.to_string();
                    self.input = Some(Input::new(
                        Purpose::AgendaMinutes(i),
                        "予定時間（分）",
                        &text,
                    ));
                }
            }
            Action::Delete => self.delete(),
            Action::MoveUp | Action::MoveDown if w.pane == Pane::Agenda => {
                let i = w.selected(Pane::Agenda);
                let Some(s) = w.session_mut() else { return };
                let j = if action == Action::MoveUp {
                    i.checked_sub(1)
                } else {
                    Some(i + 1)
                };
                if let Some(j) = j.filter(|j| *j < s.agenda.len()) {
                    s.agenda.swap(i, j);
                    w.set_selected(Pane::Agenda, j);
                    w.dirty = true;
                }
            }
            Action::OpenForm => {
                let i = w.selected(Pane::Agenda);
                match w
                    .session()
                    .and_then(|s| s.agenda.get(i))
                    .and_then(|it| it.form)
                {
                    Some(FormKind::Notes) => w.pane = Pane::Notes,
                    Some(f) => {
                        w.form = Some(f);
                        w.pane = Pane::Form;
                        w.set_selected(Pane::Form, 0);
                        self.open_editor(f);
                    }
                    None => self.message = Some("この議題に紐づくフォームはありません".into()),
                }
            }
            _ => {}
        }
        self.persist();
    }

    fn timer(&mut self, action: Action) {
        let now = self.now;
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let fallback = Some(w.selected(Pane::Agenda));
        let Some(s) = w.session_mut() else {
            self.message = Some("タイマーは各回の画面で使います（1〜4 で切り替え）".into());
            return;
        };
        let out = match action {
            Action::TimerToggle => Ok(timer::toggle(s, now)),
            Action::NextItem => Ok(timer::next(s, now)),
            Action::PrevItem => Ok(timer::prev(s, now)),
            Action::Extend => Ok(timer::adjust(s, fallback, 5)),
            Action::Shorten => Ok(timer::adjust(s, fallback, -5)),
            _ => timer::replan(s, now),
        };
        let title = |i: usize| s.agenda.get(i).map(|x| x.title.clone()).unwrap_or_default();
        let msg = match &out {
            Ok(Outcome::Started(i)) => format!("開始: {}", title(*i)),
            Ok(Outcome::Paused) => "一時停止中（Space で再開）".into(),
            Ok(Outcome::Resumed) => "再開しました".into(),
            Ok(Outcome::Moved(i)) => format!("次の議題: {}", title(*i)),
            Ok(Outcome::Finished) => "すべての議題が終了しました".into(),
            Ok(Outcome::Reopened(i)) => format!("戻りました: {}", title(*i)),
            Ok(Outcome::Retimed { item, minutes }) => format!("{}: 予定 {minutes}分", title(*item)),
            Ok(Outcome::Replanned(changed)) if changed.is_empty() => {
                "予定どおり収まっています（変更なし）".into()
            }
            Ok(Outcome::Replanned(changed)) => format!(
                "残り {} 項目を圧縮して予定終了に合わせました",
                changed.len()
            ),
            Ok(Outcome::Nothing(why)) => (*why).to_owned(),
            Err(SqueezeError::NothingLeft) => "圧縮できる残りの議題がありません".into(),
            Err(SqueezeError::CannotFit { available, needed }) => {
                format!("予定終了に収まりません: 残り {available}分、各5分でも {needed}分必要です")
            }
        };
        let changed = matches!(out, Ok(ref o) if !matches!(o, Outcome::Nothing(_)));
        if let Some(i) = agenda::current(&s.agenda) {
            w.set_selected(Pane::Agenda, i);
        }
        if changed {
            w.dirty = true;
            w.warned = None;
        }
        self.message = Some(msg);
    }

    fn toggle(&mut self) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        if w.tab == 0 {
            self.open_editor(FormKind::Profile);
            return;
        }
        match w.pane {
            Pane::Form => {
                let form = w.shown_form();
                if !self.open_editor(form) {
                    self.message = Some(format!("{}は閲覧のみです", form.label()));
                }
            }
            Pane::Prep => {
                let i = w.selected(Pane::Prep);
                if let Some(item) = w.session_mut().and_then(|s| s.prep.get_mut(i)) {
                    item.done = !item.done;
                    w.dirty = true;
                }
            }
            Pane::Facts | Pane::Notes => self.edit(),
            _ => {}
        }
    }

    fn edit(&mut self) {
        if self
            .workspace()
            .is_some_and(|w| w.tab == 0 || w.pane == Pane::Form)
        {
            return self.toggle();
        }
        let Some(w) = self.workspace() else { return };
        let Some(s) = w.session() else { return };
        let input = match w.pane {
            Pane::Agenda => s.agenda.get(w.selected(Pane::Agenda)).map(|it| {
                Input::new(
                    Purpose::AgendaTitle(w.selected(Pane::Agenda)),
                    "議題名",
                    &it.title,
                )
            }),
            Pane::Notes => w.visible_notes().get(w.selected(Pane::Notes)).map(|&i| {
                let mut input = Input::new(Purpose::EditNote(i), "メモを編集", &s.notes[i].text);
                input.kind = s.notes[i].kind;
                input
            }),
            Pane::Facts => {
                let fact = Fact::ALL[w.selected(Pane::Facts).min(Fact::ALL.len() - 1)];
                if fact == Fact::Mode {
                    let next = match s.mode {
                        None | Some(Mode::Online) => Mode::Visit,
                        Some(Mode::Visit) => Mode::Online,
                    };
                    if let Some(s) = self.workspace_mut().and_then(|w| w.session_mut()) {
                        s.mode = Some(next);
                    }
                    if let Some(w) = self.workspace_mut() {
                        w.dirty = true;
                    }
                    self.persist();
                    return;
                }
                let (prompt, text) = match fact {
                    Fact::Date => (
                        "実施日（例 2026-12-01）",
                        s.date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    Fact::Start => (
                        "開始時刻（例 13:30）",
                        s.start
                            .map(|t| t.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Fact::Place => ("場所", s.place.clone()),
                    Fact::Attendees => (
                        "出席者（氏名/役職 を、で区切る）",
                        attendees_text(&s.attendees),
                    ),
                    Fact::NextDate => (
                        "次回予定日（例 2026-12-08）",
                        s.next_date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    Fact::Mode => unreachable!("handled above"),
                };
                Some(Input::new(Purpose::Fact(fact), prompt, &text))
            }
            _ => None,
        };
        if input.is_some() {
            self.input = input;
        }
    }

    fn delete(&mut self) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let pane = w.pane;
        let target = match pane {
            Pane::Agenda => Some(w.selected(Pane::Agenda)),
            Pane::Notes => w.visible_notes().get(w.selected(Pane::Notes)).copied(),
            _ => None,
        };
        let Some(i) = target else { return };
        if w.confirm != Some((pane, i)) {
            w.confirm = Some((pane, i));
            self.message = Some("もう一度 削除キーで削除します（他のキーで取り消し）".into());
            return;
        }
        w.confirm = None;
        let Some(s) = w.session_mut() else { return };
        match pane {
            Pane::Agenda if i < s.agenda.len() => {
                let removed = s.agenda.remove(i);
                if removed.started_at.is_some() && removed.ended_at.is_none() {
                    s.paused_at = None;
                }
                self.message = Some(format!("削除しました: {}", removed.title));
            }
            Pane::Notes if i < s.notes.len() => {
                s.notes.remove(i);
                self.message = Some("メモを削除しました".into());
            }
            _ => return,
        }
        if let Some(w) = self.workspace_mut() {
            w.dirty = true;
            let rows = w.rows(pane);
            let sel = w.selected(pane).min(rows.saturating_sub(1));
            w.set_selected(pane, sel);
        }
    }

    fn submit(&mut self) {
        let Some(input) = self.input.take() else {
            return;
        };
        let text = input.text();
        let now = self.now;
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
                match crate::cli::new_client(&self.store, &self.catalog, &name, id, false) {
                    Ok(id) => {
                        if let Err(e) = self.open_client(&id, Some(1)) {
                            self.message = Some(format!("開けません: {e}"));
                        }
                    }
                    Err(e) => {
                        self.message = Some(format!("作成できません: {}", e.0));
                        self.input = Some(input);
                    }
                }
            }
            purpose => {
                let Some(w) = self.workspace_mut() else {
                    return;
                };
                let Some(s) = w.session_mut() else { return };
                let result = apply_text(s, &purpose, &text, input.kind, now);
                match result {
                    Ok(msg) => {
                        w.dirty = true;
                        if purpose == Purpose::NewNote {
                            w.set_selected(Pane::Notes, w.visible_notes().len().saturating_sub(1));
                        }
                        if purpose == Purpose::AddAgenda {
                            let n = w.rows(Pane::Agenda);
                            w.set_selected(Pane::Agenda, n.saturating_sub(1));
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

    fn export(&mut self) {
        let Some(w) = self.workspace() else { return };
        match crate::export::export_all(&self.store, &self.catalog, &w.client, None, self.now) {
            Ok(written) => {
                let mut lines = vec![format!("出力しました: {}", written.folder.display())];
                lines.extend(
                    written
                        .files
                        .iter()
                        .filter_map(|f| f.file_name())
                        .map(|f| format!("  {}", f.to_string_lossy())),
                );
                self.message = Some(lines.join("\n"));
            }
            Err(e) => self.message = Some(format!("出力できません: {e}")),
        }
    }

    /// Saves when anything changed (deferred to `flush` when `batch_saves`).
    pub fn persist(&mut self) {
        if !self.batch_saves {
            self.flush();
        }
    }

    /// Saves when anything changed; a failure is shown and retried on the next tick.
    pub fn flush(&mut self) {
        let now = self.now;
        let store = self.store.clone();
        let Some(w) = self.workspace_mut() else {
            return;
        };
        if !w.dirty || matches!(w.save, SaveState::ReadOnly(_)) {
            return;
        }
        // Saves go through the lock, which checks that this is still the only
        // writer and that client.toml was not changed behind our back (issue 12).
        let saved = match w.lock.as_mut() {
            Some(lock) => store.save_locked(&w.client, lock),
            None => store.save(&w.client),
        };
        match saved {
            Ok(()) => {
                w.dirty = false;
                w.save = SaveState::Saved(now);
            }
            // Another writer or a hand edit: stop saving for good and say why
            // (the screen's version was kept aside; see Store::save_locked).
            Err(e @ StoreError::Stopped { .. }) => {
                let why = format!("保存を停止しました: {e}");
                w.save = SaveState::ReadOnly(why.clone());
                self.message = Some(why);
            }
            Err(e) => w.save = SaveState::Failed(e.to_string()),
        }
    }

    /// The session is ending without a quit (hang-up, error, panic): a quick
    /// note being typed is recorded as if Enter had been pressed, so it is not
    /// lost with the connection. Other open inputs are left alone.
    pub fn salvage(&mut self) {
        if self
            .input
            .as_ref()
            .is_some_and(|i| i.purpose == Purpose::NewNote && !i.text().is_empty())
        {
            self.submit();
        }
    }

    /// Once a second: the clock, warnings before an item ends, save retries.
    pub fn tick(&mut self, now: NaiveDateTime) {
        self.now = now;
        let warn = i64::from(self.settings.warn_minutes) * 60;
        let bell = self.settings.bell;
        let mut ring = 0;
        if let Some(w) = self.workspace_mut()
            && let Some(s) = w.session()
            && let Some(i) = agenda::current(&s.agenda)
        {
            let left = agenda::remaining(&s.agenda[i], now, s.paused_at).num_seconds();
            let stage = if left <= 0 {
                2
            } else if left <= warn {
                1
            } else {
                0
            };
            let last = w.warned.filter(|(j, _)| *j == i).map_or(0, |(_, st)| st);
            if stage > last {
                w.warned = Some((i, stage));
                ring = 1;
            }
        }
        if ring > 0 && bell {
            self.bell += ring;
        }
        self.flush();
    }
}

fn attendees_text(a: &[Attendee]) -> String {
    a.iter()
        .map(|x| {
            if x.role.is_empty() {
                x.name.clone()
            } else {
                format!("{}/{}", x.name, x.role)
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn parse_attendees(text: &str) -> Vec<Attendee> {
    text.split(['、', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('/') {
            Some((n, r)) => Attendee {
                name: n.trim().into(),
                role: r.trim().into(),
            },
            None => Attendee {
                name: s.into(),
                role: String::new(),
            },
        })
        .collect()
}

fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let t = text.replace('/', "-");
    // Four-digit years only: a client file with others is refused when read.
    NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .ok()
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
        .map(Some)
        .ok_or_else(|| format!("日付は 2026-12-01 の形で入力します（{text}）"))
}

/// Applies a submitted text to the session; the message to show, or why not.
fn apply_text(
    s: &mut Session,
    purpose: &Purpose,
    text: &str,
    kind: NoteKind,
    now: NaiveDateTime,
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
            });
            Ok(Some(format!("{}を記録しました", kind.label())))
        }
        Purpose::EditNote(i) => {
            let note = s.notes.get_mut(*i).ok_or("メモが見つかりません")?;
            if text.is_empty() {
                return Err("空のメモにはできません（削除は d）".into());
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
            Ok(Some("議題を追加しました（t で時間を変更）".into()))
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
        Purpose::Fact(f) => {
            match f {
                Fact::Date => s.date = parse_date(text)?,
                Fact::NextDate => s.next_date = parse_date(text)?,
                Fact::Start => {
                    s.start = if text.is_empty() {
                        None
                    } else {
                        Some(
                            NaiveTime::parse_from_str(text, "%H:%M")
                                .map_err(|_| format!("時刻は 13:30 の形で入力します（{text}）"))?,
                        )
                    }
                }
                Fact::Place => s.place = text.to_owned(),
                Fact::Attendees => s.attendees = parse_attendees(text),
                Fact::Mode => {}
            }
            Ok(None)
        }
        Purpose::NewClientName | Purpose::NewClientId { .. } => Ok(None),
    }
}
