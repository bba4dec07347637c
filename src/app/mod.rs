//! Application state and `update(action)`: the only place state changes.
//! Drawing (ui) reads this and never mutates it.

mod editing;
mod export;
mod follow;
mod guard;
mod help;
mod input;
mod notes;
mod picker;
mod prep;
mod reader;
mod session;
mod timing;
mod workspace;

pub use follow::Following;
pub use help::{HelpKind, HelpLine, help_area};
pub use input::{Input, Purpose};
pub use picker::ClientPicker;
pub use reader::{Reader, Tone};
pub use workspace::{Fact, Pane, SaveState, Workspace};

use crate::domain::model::Stamp;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};

use crate::action::Action;
use crate::config::Settings;
use crate::content::Catalog;
use crate::domain::agenda;
use crate::domain::model::FormKind;
use crate::editor;
use crate::keymap::{Context, Key, Keymap};
use crate::store::watch::Follow;
use crate::store::{Store, StoreError};

/// What a refused change on a read-only client says.
const READ_ONLY_REFUSED: &str = "読み取り専用で開いています。変更はできません";

pub enum Screen {
    Picker(Box<ClientPicker>),
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
    /// First line of the help shown (it scrolls).
    pub help_scroll: usize,
    /// The terminal's size as last drawn (columns, rows), for scrolling.
    pub size: (u16, u16),
    /// A message; a popup when it has several lines.
    pub message: Option<String>,
    pub quit: bool,
    pub now: Stamp,
    /// Bells to ring on the next draw.
    pub bell: u8,
    /// Changes are saved by `flush` once per batch of events (the terminal
    /// loop sets this) instead of after every key: a burst of IME input is
    /// one save, still on disk within the same loop turn.
    pub batch_saves: bool,
    /// Colours or not (`NO_COLOR`), read once at start.
    pub theme: crate::widgets::Theme,
    /// Quit was pressed once while changes could not be saved.
    quit_armed: bool,
    /// Wakes the event loop when a followed file changes (see `follow`).
    waker: Option<crate::store::watch::Waker>,
    /// The config folder, where the expert's details are saved; none
    /// (nothing saved) unless the caller sets it, so that an app built in a
    /// test never writes the user's own config.toml.
    pub config_dir: Option<std::path::PathBuf>,
}

impl App {
    pub fn new(
        catalog: Catalog,
        keymap: Keymap,
        settings: Settings,
        store: Store,
        now: Stamp,
    ) -> App {
        App {
            catalog,
            keymap,
            settings,
            store,
            screen: Screen::Picker(Box::new(ClientPicker {
                clients: Vec::new(),
                filter: crate::widgets::Field::single(""),
                sel: 0,
            })),
            input: None,
            help: false,
            help_scroll: 0,
            size: (80, 24),
            message: None,
            quit: false,
            now,
            bell: 0,
            batch_saves: false,
            theme: crate::widgets::Theme::from_env(),
            quit_armed: false,
            waker: None,
            config_dir: None,
        }
    }

    /// Shows the picker with the clients on disk.
    pub fn show_picker(&mut self) {
        let clients = self.store.list().unwrap_or_else(|e| {
            self.message = Some(format!("一覧を読めません: {e}"));
            Vec::new()
        });
        self.screen = Screen::Picker(Box::new(ClientPicker {
            clients,
            filter: crate::widgets::Field::single(""),
            sel: 0,
        }));
    }

    /// Opens a client for writing, or read-only when another process holds it.
    pub fn open_client(&mut self, id: &str, session: Option<u8>) -> Result<(), StoreError> {
        // A client open read-only follows its file from the read shown.
        let mut follow = None;
        let (client, lock, save) = match self.store.open(id) {
            Ok(o) => {
                if let Some(b) = &o.upgraded_backup {
                    self.message = Some(format!(
                        "旧形式のファイルを更新しました（元のファイル: {}）",
                        b.display()
                    ));
                }
                self.add_notices(&o.notices); // issue 12: modes fixed, leftovers removed
                (o.client, Some(o.lock), SaveState::Saved(self.now))
            }
            Err(StoreError::Locked(h)) => {
                let (f, client) = Follow::open(&self.store, id)?;
                follow = Some(f);
                // The status line says the state; the message who holds it.
                self.message = Some(format!(
                    "読み取り専用: 別の画面で開かれています（pid {}、{}、{} から）",
                    h.pid.map_or("?".into(), |p| p.to_string()),
                    h.host.as_deref().unwrap_or("?"),
                    h.since.as_deref().unwrap_or("?")
                ));
                let short = "読み取り専用: 別の画面で開かれています".to_owned();
                (client, None, SaveState::ReadOnly(short))
            }
            // A full disk or read-only file system: still shown (issue 12).
            Err(e) if e.read_only_reason().is_some() => {
                let (f, client) = Follow::open(&self.store, id)?;
                follow = Some(f);
                self.message = e.read_only_reason();
                (client, None, guard::read_only(&e))
            }
            Err(e) => return Err(e),
        };
        let mut client = client;
        // Defaults that need the catalog; saved only when writable.
        let filled = crate::content::fill::defaults(&mut client, &self.catalog);
        let dirty = filled && lock.is_some();
        let tab = session.unwrap_or_else(|| {
            // Start on the first session not yet done.
            client
                .sessions
                .iter()
                .position(|s| s.completed_at.is_none())
                .map_or(4, |i| i as u8 + 1)
        });
        self.screen = Screen::Client(Box::new(Workspace::new(client, lock, tab, save, dirty)));
        self.arrive();
        if let Some(f) = follow {
            self.start_follow(f);
        }
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
            Screen::Client(w) if w.presentation || w.reader.is_some() => vec![Context::Global],
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
                // No escape sequence, bidi control or zero-width joiner gets
                // in by pasting (issue 12; see domain::clean).
                let text = &crate::domain::clean::input(text).into_owned();
                if let Some(input) = &mut self.input {
                    input.field.paste(text);
                    self.input_changed();
                } else if self
                    .workspace()
                    .is_some_and(|w| w.editor.as_ref().is_some_and(|e| e.typing()))
                {
                    self.with_editor(|e, client, ctx| e.paste(text, client, ctx));
                } else if let Screen::Picker(p) = &mut self.screen {
                    p.filter.paste(text);
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
        if guard::never_typed(ev) {
            return;
        }
        let key = Key::from_event(ev);
        if self.help {
            self.help_key(key);
            return;
        }
        // A popup (several lines) is dismissed by Esc or Enter without
        // acting on them; a one-line message just goes away, except the
        // read-only refusal, which stays until Esc so that a run of refused
        // keys says so once.
        let sticky = self.message.as_deref() == Some(READ_ONLY_REFUSED) && ev.code != KeyCode::Esc;
        if self.input.is_none()
            && !sticky
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
                    input.field.key(ev, None);
                    self.input_changed();
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
                    p.filter.key(ev, None);
                    p.sel = 0;
                }
                None => {}
            }
            return;
        }
        // The reader over a form editor takes the keys first.
        let reading = self.workspace().is_some_and(|w| w.reader.is_some());
        if let Some(edits) = self
            .workspace()
            .filter(|_| !reading)
            .and_then(|w| w.editor.as_ref())
            .map(|e| e.edits_client())
        {
            if edits && action.is_some_and(|a| self.refuse_on_read_only(a)) {
                return;
            }
            let press = editor::Press { ev, action };
            let out = self.with_editor(|e, client, ctx| e.key(press, client, ctx));
            if out.consumed {
                return;
            }
            // cycle_form moves between the deliverables without closing.
            let next = self
                .workspace()
                .and_then(|w| w.editor.as_ref())
                .filter(|e| !e.typing() && action == Some(Action::CycleForm))
                .and_then(|e| e.form().and_then(editor::next_deliverable));
            if let Some(next) = next {
                self.open_editor(next);
                return;
            }
            if action == Some(Action::Cancel) {
                if let Some(w) = self.workspace_mut() {
                    w.close_editor();
                }
                return;
            }
        }
        if let Some(a) = action {
            self.update(a);
        }
    }

    /// The key bound to `action` in `contexts` (then [global]), as hints
    /// name it: `Space`, `C-n`, `t`; `?` when unbound.
    pub fn key(&self, contexts: &[Context], action: Action) -> String {
        crate::widgets::hints::name(&self.keymap, contexts, action)
    }

    /// Applies an action. The only place state changes.
    pub fn update(&mut self, action: Action) {
        if self.input.is_some() {
            return self.input_action(action);
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
                        "未保存の変更あり（保存失敗中）。もう一度押すと保存せず終了し、未保存のメモを端末に書き出します"
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
        // Enter on the profile tab or the form pane opens an editor (to read,
        // on a read-only client); every other change is refused there.
        let opens_editor = matches!(action, Action::Toggle | Action::Edit)
            && self
                .workspace()
                .is_some_and(|w| w.tab == 0 || w.pane == Pane::Form);
        if !opens_editor && self.refuse_on_read_only(action) {
            return;
        }
        if self.lists(action) {
            return self.persist();
        }
        let Screen::Client(w) = &mut self.screen else {
            return;
        };
        w.seen(action);
        match action {
            Action::Tab(t) => {
                w.editor = None;
                w.return_to = None;
                w.tab = t;
                w.form = None;
                w.note_filter = None;
                w.note_query.clear();
                w.warned = None;
                self.arrive();
                let Some(w) = self.workspace_mut() else {
                    return;
                };
                // Another session has other rows: keep every selection on one.
                for pane in Pane::ORDER {
                    let last = w.rows(pane).saturating_sub(1);
                    let sel = w.selected(pane).min(last);
                    w.set_selected(pane, sel);
                }
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
                let max = if w.pane == Pane::Form {
                    // The form's lines (unwrapped): never far past its end.
                    let form = w.shown_form();
                    crate::widgets::form_view::form_lines(
                        &self.catalog,
                        &w.client,
                        form,
                        self.theme,
                    )
                    .len()
                    .saturating_sub(1)
                } else {
                    w.rows(w.pane).saturating_sub(1)
                };
                let v = (w.selected(w.pane) + 1).min(max);
                w.set_selected(w.pane, v);
            }
            Action::Presentation => w.presentation = !w.presentation,
            Action::Cancel => {
                w.presentation = false;
                w.confirm.clear();
                self.clear_search(true);
            }
            Action::CycleForm => {
                const FORMS: [FormKind; 5] = workspace::PANE_FORMS;
                let i = FORMS.iter().position(|f| *f == w.shown_form()).unwrap_or(0);
                w.choose_form(FORMS[(i + 1) % FORMS.len()]);
                w.pane = Pane::Form;
                w.set_selected(Pane::Form, 0);
            }
            Action::Export => self.export(),
            Action::Report => self.open_report(),
            Action::Expert => self.open_expert(),
            Action::QuickNote => {
                if let Some(i) = w.live_session() {
                    // A note left with Esc comes back as it was.
                    let (text, kind) = w.note_draft.take().unwrap_or_default();
                    // Another tab on screen: the note goes to the live session.
                    let prompt = if w.session_index() == Some(i) {
                        "メモ".to_owned()
                    } else {
                        format!("メモ（第{}回）", i + 1)
                    };
                    let mut input = Input::new(Purpose::NewNote, &prompt, &text);
                    input.kind = kind;
                    self.input = Some(input);
                } else {
                    self.message = Some(format!(
                        "メモは各回の画面で取ります（{}〜{} で切り替え）",
                        self.key(&[], Action::Tab(1)),
                        self.key(&[], Action::Tab(4))
                    ));
                }
            }
            a if a.keeps_time() => self.timekeeping(a),
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
                if let Some(j) = j.filter(|j| *j < s.agenda.len() && i < s.agenda.len()) {
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
                        w.choose_form(f);
                        w.pane = Pane::Form;
                        w.set_selected(Pane::Form, 0);
                        if self.open_editor(f)
                            && let Some(w) = self.workspace_mut()
                        {
                            w.return_to = Some(Pane::Agenda);
                        }
                    }
                    None => self.message = Some("この議題に紐づくフォームはありません".into()),
                }
            }
            _ => {}
        }
        self.persist();
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
        // Through the lock: still the only writer, client.toml unchanged (issue 12).
        match guard::save(&store, w) {
            Ok(()) => {
                w.dirty = false;
                w.save = SaveState::Saved(now);
                // A note said unsaved while the disk was full is saved now.
                if let Some(m) = self
                    .message
                    .as_mut()
                    .filter(|m| m.contains(input::NOT_YET_SAVED))
                {
                    *m = m.replace(input::NOT_YET_SAVED, "（保存しました）");
                }
            }
            Err(e @ StoreError::Stopped { .. }) => self.message = guard::stop_saving(w, &e),
            Err(e) => {
                w.save = SaveState::Failed(e.short_reason());
                // "Recorded" must not read as "saved" while the disk is full.
                if let Some(m) = self
                    .message
                    .as_mut()
                    .filter(|m| m.ends_with(input::RECORDED))
                {
                    m.push_str(input::NOT_YET_SAVED);
                }
            }
        }
    }

    /// Esc on an input: a new note's text is kept as the draft the next
    /// quick-note key brings back; other inputs are dropped.
    fn cancel_input(&mut self) {
        let Some(input) = self.input.take() else {
            return;
        };
        let text = input.text();
        if input.purpose == Purpose::SearchNotes {
            self.clear_search(false);
            return;
        }
        if input.purpose != Purpose::NewNote || text.is_empty() {
            return;
        }
        let key = self.key(&[], Action::QuickNote);
        if let Some(w) = self.workspace_mut() {
            w.note_draft = Some((text, input.kind));
            self.message = Some(format!("書きかけのメモを取っておきました（{key} で続き）"));
        }
    }

    /// The session is ending without a quit (hang-up, error, panic): a quick
    /// note being typed, or one set aside with Esc, is recorded as if Enter
    /// had been pressed, so it is not lost with the connection. Other open
    /// inputs are left alone.
    pub fn salvage(&mut self) {
        if self.input.is_none()
            && let Some((text, kind)) = self.workspace_mut().and_then(|w| w.note_draft.take())
        {
            let mut input = Input::new(Purpose::NewNote, "メモ", &text);
            input.kind = kind;
            self.input = Some(input);
        }
        if self
            .input
            .as_ref()
            .is_some_and(|i| i.purpose == Purpose::NewNote && !i.text().is_empty())
        {
            self.submit();
        }
    }

    /// Once a second: the clock, warnings before an item ends, save retries.
    pub fn tick(&mut self, now: Stamp) {
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
        self.watch_files();
    }
}
