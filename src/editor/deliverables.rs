//! The deliverables worked on in sessions 2–4 — the basic policy, the
//! regulation check (様式2) and the action plan (様式3) — as one editor:
//! `cycle_form` moves from one to the next without closing.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::plan::PlanEditor;
use super::policy::PolicyEditor;
use super::regulations::RegulationsEditor;
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::model::{Client, FormKind};
use crate::keymap::Context;

/// The order `cycle_form` goes through.
pub const FORMS: [FormKind; 3] = [FormKind::Policy, FormKind::Regulations, FormKind::Plan];

pub struct Deliverables {
    inner: Box<dyn Editor>,
}

fn make(form: FormKind) -> Box<dyn Editor> {
    match form {
        FormKind::Policy => Box::new(PolicyEditor::new()),
        FormKind::Regulations => Box::new(RegulationsEditor::new()),
        _ => Box::new(PlanEditor::new()),
    }
}

impl Deliverables {
    pub fn new(form: FormKind) -> Deliverables {
        Deliverables { inner: make(form) }
    }
}

impl Editor for Deliverables {
    fn form(&self) -> FormKind {
        self.inner.form()
    }

    fn contexts(&self) -> Vec<Context> {
        self.inner.contexts()
    }

    fn typing(&self) -> bool {
        self.inner.typing()
    }

    fn key(&mut self, press: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        let action = press.action;
        let mut out = self.inner.key(press, client, ctx);
        if !out.consumed && action == Some(Action::CycleForm) && !self.inner.typing() {
            let i = FORMS.iter().position(|f| *f == self.form()).unwrap_or(0);
            let next = FORMS[(i + 1) % FORMS.len()];
            self.inner = make(next);
            out.consumed = true;
        }
        out
    }

    fn paste(&mut self, text: &str, client: &mut Client, ctx: &Ctx) -> Outcome {
        self.inner.paste(text, client, ctx)
    }

    fn help_notes(&self, catalog: &Catalog) -> Vec<String> {
        self.inner.help_notes(catalog)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        self.inner.draw(frame, area, client, ctx);
    }
}
