//! Form editors: full-width screens that open over a session (or the profile
//! tab) while the header, clock and timer status stay visible.
//!
//! An editor owns only its view state (selection, open text field); the data
//! it edits lives in the `Client` it is handed on every call, so the app
//! saves it like everything else. Keys reach an editor first: it looks up the
//! actions of its own keymap contexts, consumes what it uses, and leaves the
//! rest (quick note, timer keys, help, Esc to close) to the app.

pub mod confirm;
mod diagnosis;
mod expert;
mod hearing;
mod plan;
mod policy;
mod profile;
mod regulations;
mod report;
mod texts;

use crate::domain::model::Stamp;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::content::Catalog;
use crate::domain::model::{Client, FormKind};
use crate::keymap::{Context, Keymap};
use crate::widgets::Theme;

/// What handling a key did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The editor used the key; the app must not act on it.
    pub consumed: bool,
    /// The client changed and must be saved.
    pub changed: bool,
    /// The editor is done; the app closes it.
    pub close: bool,
    /// A line for the message bar.
    pub message: Option<String>,
    /// The expert's details, just saved into config.toml: the settings the
    /// next export uses follow.
    pub expert: Option<crate::config::Expert>,
}

impl Outcome {
    pub fn consumed() -> Self {
        Self {
            consumed: true,
            ..Self::default()
        }
    }

    pub fn changed() -> Self {
        Self {
            consumed: true,
            changed: true,
            ..Self::default()
        }
    }

    pub fn ignored() -> Self {
        Self::default()
    }
}

/// Leaving a field whose text is checked (a date): saved and closed with
/// `result`'s message, closed with the old value kept on Esc when the text
/// does not parse, or left open with the reason.
pub fn leave_checked<T>(
    result: Result<Option<String>, String>,
    action: Option<Action>,
    typing: &mut Option<T>,
) -> Outcome {
    match result {
        Ok(message) => {
            *typing = None;
            Outcome {
                message,
                ..Outcome::changed()
            }
        }
        Err(_) if action == Some(Action::Cancel) => {
            *typing = None;
            Outcome::consumed()
        }
        Err(e) => Outcome {
            message: Some(e),
            ..Outcome::consumed()
        },
    }
}

/// Everything an editor may read while handling a key or drawing.
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub keymap: &'a Keymap,
    pub now: Stamp,
    pub theme: Theme,
    /// Where the client lives (for files written next to it).
    pub store: &'a crate::store::Store,
}

/// One key as an editor gets it: the terminal event and the keymap's
/// action for the editor's contexts (or for [editor] while typing), if any.
#[derive(Clone, Copy)]
pub struct Press<'a> {
    pub ev: &'a KeyEvent,
    pub action: Option<Action>,
}

impl Ctx<'_> {
    /// The first key bound to `action` in `contexts`, then [global].
    pub fn key_in(&self, contexts: &[Context], action: Action) -> String {
        crate::widgets::hints::name(self.keymap, contexts, action)
    }

    /// The first key bound to `action` in [form] or [global], short
    /// (`Enter`, `S-Tab`): what a hint names.
    pub fn key(&self, action: Action) -> String {
        crate::widgets::key_name(self.keymap, &[Context::Form, Context::Global], action, "")
    }
}

pub trait Editor {
    /// Keymap contexts active now, innermost first (help shows these).
    fn contexts(&self) -> Vec<Context> {
        vec![Context::Form]
    }

    /// Whether the editor changes the client (false: the expert's own
    /// details, kept in config.toml, editable on a read-only client too).
    fn edits_client(&self) -> bool {
        true
    }

    /// True while a text field has the keys: then every key is text except
    /// those bound in [editor] (submit, cancel, …).
    fn typing(&self) -> bool;

    /// One key. `action` is the keymap's action for `contexts()` (or for
    /// [editor] while typing), if any.
    fn key(&mut self, press: Press, client: &mut Client, ctx: &Ctx) -> Outcome;

    /// Pasted text (bracketed paste) while typing.
    fn paste(&mut self, text: &str, client: &mut Client, ctx: &Ctx) -> Outcome;

    /// Notes the help overlay shows below the keys (rules worth knowing,
    /// e.g. how plan rows are put in priority order).
    fn help_notes(&self, catalog: &Catalog) -> Vec<String> {
        let _ = catalog;
        Vec::new()
    }

    /// Draws into `area`; sets the real terminal cursor while typing.
    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx);
}

/// The deliverables worked on in sessions 2–4, in the order `cycle_form`
/// goes through them without closing the editor.
pub const DELIVERABLES: [FormKind; 3] = [FormKind::Policy, FormKind::Regulations, FormKind::Plan];

/// An editor open over a tab, and the form it edits (none for the report
/// texts and the expert's details).
pub struct Open {
    pub form: Option<FormKind>,
    pub editor: Box<dyn Editor>,
}

impl Open {
    /// The form edited (for the title and for following agenda links).
    pub fn form(&self) -> Option<FormKind> {
        self.form
    }

    /// The report texts of session `session` (0–3): 所感・報告事項, and on
    /// session 4 the final evaluation.
    pub fn report(session: usize) -> Open {
        Open {
            form: None,
            editor: Box::new(report::ReportEditor::new(session)),
        }
    }

    /// The expert's own details (config.toml `[expert]` in `config_dir`),
    /// starting from `current` when the file cannot be read.
    pub fn expert(current: &crate::config::Expert, config_dir: Option<std::path::PathBuf>) -> Open {
        Open {
            form: None,
            editor: Box::new(expert::ExpertEditor::new(current, config_dir)),
        }
    }
}

impl std::ops::Deref for Open {
    type Target = dyn Editor;
    fn deref(&self) -> &Self::Target {
        self.editor.as_ref()
    }
}

/// The editor for a form, when one exists.
pub fn open(form: FormKind, client: &Client, catalog: &Catalog) -> Option<Open> {
    let editor: Box<dyn Editor> = match form {
        FormKind::Profile => Box::new(profile::ProfileEditor::default()),
        FormKind::Hearing => Box::new(hearing::HearingEditor::new(client, catalog)),
        FormKind::Diagnosis => Box::new(diagnosis::DiagnosisEditor::new(client)),
        FormKind::Policy => Box::new(policy::PolicyEditor::default()),
        FormKind::Regulations => Box::new(regulations::RegulationsEditor::default()),
        FormKind::Plan => Box::new(plan::PlanEditor::new()),
        FormKind::Notes => return None,
    };
    Some(Open {
        form: Some(form),
        editor,
    })
}

/// The deliverable after `form` for `cycle_form`, if `form` is one.
pub fn next_deliverable(form: FormKind) -> Option<FormKind> {
    let i = DELIVERABLES.iter().position(|f| *f == form)?;
    Some(DELIVERABLES[(i + 1) % DELIVERABLES.len()])
}
