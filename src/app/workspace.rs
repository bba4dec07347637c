//! The client being worked on: its panes, selection, save state and the
//! editor open over a tab.

use crate::domain::model::Stamp;

use crate::domain::model::{Client, FormKind, NoteKind, Session};
use crate::keymap::Context;
use crate::store::ClientLock;

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
    /// The fixed end (終了予定).
    End,
    Mode,
    Place,
    Attendees,
    NextDate,
    /// The report texts (所感・報告事項): opens their editor.
    Report,
}

impl Fact {
    pub const ALL: [Fact; 8] = [
        Fact::Date,
        Fact::Start,
        Fact::End,
        Fact::Mode,
        Fact::Place,
        Fact::Attendees,
        Fact::NextDate,
        Fact::Report,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Fact::Date => "実施日",
            Fact::Start => "開始",
            Fact::End => "終了",
            Fact::Mode => "形態",
            Fact::Place => "場所",
            Fact::Attendees => "出席者",
            Fact::NextDate => "次回",
            Fact::Report => "報告",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved(Stamp),
    Failed(String),
    ReadOnly(String),
}

/// The forms the form pane shows, in the order `f` cycles through them.
pub const PANE_FORMS: [FormKind; 5] = [
    FormKind::Hearing,
    FormKind::Diagnosis,
    FormKind::Policy,
    FormKind::Regulations,
    FormKind::Plan,
];

/// The client being worked on.
pub struct Workspace {
    pub client: Client,
    pub lock: Option<ClientLock>,
    /// 0 = profile, 1–4 = sessions.
    pub tab: u8,
    pub pane: Pane,
    pub sel: [usize; 5],
    /// The one kind of note the notes pane shows, or all.
    pub note_filter: Option<NoteKind>,
    /// The search the notes pane is narrowed to ("" for none).
    pub note_query: String,
    /// What was deleted, last on top, for undo.
    pub deleted: Vec<super::notes::Deleted>,
    /// A text read in full over the screen (a note, the look back).
    pub reader: Option<super::reader::Reader>,
    /// Form chosen for the form pane (`f`, or an agenda item's link), and
    /// the item that ran when it was chosen: the pane follows the running
    /// item's form again once another item runs. None: defaults by session.
    pub form: Option<FormKind>,
    pub form_for: Option<usize>,
    /// Where Esc from an editor goes back to (the agenda, when the editor
    /// was opened from an agenda item's link).
    pub return_to: Option<Pane>,
    pub presentation: bool,
    pub save: SaveState,
    pub dirty: bool,
    /// (item index, stage) of the last warning given: 1 = near the end, 2 = over.
    pub warned: Option<(usize, u8)>,
    /// A delete waiting for its confirmation (pane, index).
    pub confirm: crate::editor::confirm::Confirm<(Pane, usize)>,
    /// A new note left with Esc, and its kind: the next quick note starts
    /// from it.
    pub note_draft: Option<(String, NoteKind)>,
    /// A timer key waiting for its second press (re-timing a finished
    /// session, starting one while another runs), by session index.
    pub timer_confirm: crate::editor::confirm::Confirm<usize>,
    /// An export despite check's errors, waiting for its second press.
    pub export_confirm: crate::editor::confirm::Confirm<()>,
    /// A form editor open over the tab.
    pub editor: Option<crate::editor::Open>,
    /// The file followed while read-only (another window writes it).
    pub following: Option<super::Following>,
}

impl Workspace {
    /// A client just opened on `tab`, the agenda focused.
    pub(super) fn new(
        client: Client,
        lock: Option<ClientLock>,
        tab: u8,
        save: SaveState,
        dirty: bool,
    ) -> Workspace {
        Workspace {
            client,
            lock,
            tab,
            pane: Pane::Agenda,
            sel: [0; 5],
            note_filter: None,
            note_query: String::new(),
            deleted: Vec::new(),
            reader: None,
            form: None,
            form_for: None,
            return_to: None,
            presentation: false,
            save,
            dirty,
            warned: None,
            confirm: Default::default(),
            timer_confirm: Default::default(),
            export_confirm: Default::default(),
            editor: None,
            note_draft: None,
            following: None,
        }
    }

    /// Every action first: any other key takes a waiting question back.
    pub(crate) fn seen(&mut self, action: crate::action::Action) {
        self.confirm.seen(Some(action));
        self.timer_confirm.seen(Some(action));
        self.export_confirm.seen(Some(action));
    }

    pub fn read_only(&self) -> bool {
        matches!(self.save, SaveState::ReadOnly(_))
    }

    pub fn session_index(&self) -> Option<usize> {
        (1..=4)
            .contains(&self.tab)
            .then(|| usize::from(self.tab) - 1)
    }

    /// The session live now (its timer running or paused mid-item) whatever
    /// tab is on screen, else the tab's: what the status line follows and
    /// where a quick note goes.
    pub fn live_session(&self) -> Option<usize> {
        crate::domain::live::live(&self.client).or(self.session_index())
    }

    pub fn session(&self) -> Option<&Session> {
        self.session_index().map(|i| &self.client.sessions[i])
    }

    pub(crate) fn session_mut(&mut self) -> Option<&mut Session> {
        self.session_index().map(|i| &mut self.client.sessions[i])
    }

    pub fn selected(&self, pane: Pane) -> usize {
        self.sel[Pane::ORDER.iter().position(|p| *p == pane).unwrap_or(0)]
    }

    pub(crate) fn set_selected(&mut self, pane: Pane, v: usize) {
        let i = Pane::ORDER.iter().position(|p| *p == pane).unwrap_or(0);
        self.sel[i] = v;
    }

    /// Selects the last note the notes pane shows (the newest), after the
    /// filter, the search or the notes changed; how many it shows.
    pub(crate) fn select_last_note(&mut self) -> usize {
        let n = self.visible_notes().len();
        self.set_selected(Pane::Notes, n.saturating_sub(1));
        n
    }

    /// Indices of the notes shown in the notes pane.
    pub fn visible_notes(&self) -> Vec<usize> {
        self.session()
            .map(|s| {
                let search = crate::domain::notes::Search::new(&self.note_query);
                (0..s.notes.len())
                    .filter(|i| search.shows(&s.notes[*i], self.note_filter))
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
            // Bounded by the form's length where the app moves in it.
            Pane::Form => 0,
        }
    }

    /// The running item's index and its form, when the pane can show it.
    fn running_form(&self) -> (Option<usize>, Option<FormKind>) {
        let Some(s) = self.session() else {
            return (None, None);
        };
        let i = crate::domain::agenda::current(&s.agenda);
        let form = i
            .and_then(|i| s.agenda[i].form)
            .filter(|f| PANE_FORMS.contains(f));
        (i, form)
    }

    /// The form the form pane shows: the one chosen while this item runs,
    /// else the running item's form, else the last chosen, else the
    /// session's default.
    pub fn shown_form(&self) -> FormKind {
        let (running, running_form) = self.running_form();
        let chosen_now = self.form.filter(|_| self.form_for == running);
        chosen_now
            .or(running_form)
            .or(self.form)
            .unwrap_or(match self.tab {
                1 => FormKind::Hearing,
                2 => FormKind::Regulations,
                _ => FormKind::Plan,
            })
    }

    /// Shows `form` in the form pane (chosen while the current item runs).
    pub fn choose_form(&mut self, form: FormKind) {
        self.form_for = self.running_form().0;
        self.form = Some(form);
    }

    /// Closes the open editor and goes back where it was opened from.
    pub fn close_editor(&mut self) {
        self.editor = None;
        if let Some(p) = self.return_to.take() {
            self.pane = p;
        }
    }
}
