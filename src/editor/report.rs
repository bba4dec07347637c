//! The report texts of a session, written in the app: 所感・報告事項 of the
//! session's 実施報告 (`Session::report`) and, on session 4, the final
//! report's 指導結果のまとめと評価 (`Client::final_evaluation`). Multi-line
//! fields, written to the client as they are typed; beside them (when the
//! screen is wide enough) the session's decisions, requests and issues to
//! write from.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::texts::{Edit, Texts};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::domain::model::{Client, NoteKind, SESSIONS};
use crate::widgets;

/// Screens at least this wide show the session's notes beside the texts.
const NOTES_FROM: u16 = 100;

pub struct ReportEditor {
    /// Index of the session (0–3).
    session: usize,
    texts: Texts,
}

impl ReportEditor {
    pub fn new(session: usize) -> Self {
        ReportEditor {
            session: session.min(SESSIONS - 1),
            texts: Texts::default(),
        }
    }

    /// Whether this session's editor holds the final evaluation too.
    fn is_last(&self) -> bool {
        self.session == SESSIONS - 1
    }

    /// The fields' titles.
    fn titles(&self) -> Vec<String> {
        let mut out = vec![format!(
            "所感・報告事項（第{}回 実施報告）",
            self.session + 1
        )];
        if self.is_last() {
            out.push("指導結果のまとめと評価（最終報告書）".into());
        }
        out
    }

    fn values(&self, client: &Client) -> Vec<(String, bool)> {
        let mut out = vec![(client.sessions[self.session].report.clone(), true)];
        if self.is_last() {
            out.push((client.final_evaluation.clone(), true));
        }
        out
    }

    fn store(&self, client: &mut Client, index: usize, text: String) {
        match index {
            0 => client.sessions[self.session].report = text,
            _ => client.final_evaluation = text,
        }
    }

    fn apply(&mut self, edit: Edit, client: &mut Client) -> Outcome {
        match edit {
            Edit::Ignored => Outcome::ignored(),
            Edit::Consumed => Outcome::consumed(),
            Edit::Text { index, text, done } => {
                let changed = self.values(client)[index].0 != text;
                self.store(client, index, text);
                let message = done.then(|| "書いた文は報告書に載ります（保存済み）".to_owned());
                Outcome {
                    changed,
                    message,
                    ..Outcome::consumed()
                }
            }
        }
    }
}

impl Editor for ReportEditor {
    fn typing(&self) -> bool {
        self.texts.typing()
    }

    fn key(&mut self, press: Press, client: &mut Client, _ctx: &Ctx) -> Outcome {
        let values = self.values(client);
        let edit = self.texts.key(press, &values);
        self.apply(edit, client)
    }

    fn paste(&mut self, text: &str, client: &mut Client, _ctx: &Ctx) -> Outcome {
        let edit = self.texts.paste(text);
        self.apply(edit, client)
    }

    fn help_notes(&self, _catalog: &crate::content::Catalog) -> Vec<String> {
        vec![
            "所感・報告事項は第N回_実施報告の最後に、指導結果のまとめと評価（第4回の画面）は最終報告書に載ります。".into(),
            "書いた文はそのまま文として載ります（# や | も記号になりません）。空のままだと「（未記入）」と載り、出力時に注意が出ます。".into(),
        ]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let [main, hint_area] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        let (texts_area, notes_area) = if main.width >= NOTES_FROM {
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                    .areas(main);
            (l, Some(r))
        } else {
            (main, None)
        };
        let titles = self.titles();
        let values = self.values(client);
        let rects = Layout::vertical(vec![Constraint::Fill(1); titles.len()]).split(texts_area);
        let sel = self.texts.selected(titles.len());
        let edit_key = ctx.key(Action::Edit);
        for (i, ((title, (text, _)), rect)) in
            titles.iter().zip(&values).zip(rects.iter()).enumerate()
        {
            if let Some((j, field)) = self.texts.editing()
                && j == i
            {
                field.draw(frame, *rect, title, "", ctx.keymap, theme);
                continue;
            }
            let focused = i == sel && !self.texts.typing();
            let block = widgets::block(title.clone(), focused, theme);
            let inner = block.inner(*rect);
            frame.render_widget(block, *rect);
            let width = usize::from(inner.width);
            let mut lines = if text.trim().is_empty() {
                vec![Line::styled(
                    format!("（未記入）{edit_key} で書きます"),
                    theme.dim(),
                )]
            } else {
                widgets::fit_text(text, width, ratatui::style::Style::new())
            };
            let height = usize::from(inner.height);
            if lines.len() > height && height > 0 {
                let more = lines.len() - (height - 1);
                lines.truncate(height - 1);
                lines.push(Line::styled(
                    format!("…あと{more}行（{edit_key} で全文）"),
                    theme.dim(),
                ));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
        if let Some(r) = notes_area {
            draw_notes(frame, r, client, self.session, ctx);
        }
        let note = "報告書に載る文です（入力のたびに保存）";
        let mut items = vec![(Action::Edit, "書く")];
        if self.is_last() {
            items.push((Action::Down, "次の欄"));
        }
        items.push((Action::Cancel, "閉じる"));
        let typing = self.texts.typing().then_some(note);
        let hint = widgets::hints::form_line(typing, ctx.keymap, &items, theme);
        frame.render_widget(hint, hint_area);
    }
}

/// The session's decisions, requests and issues (what the report lists
/// already), to write the texts from.
fn draw_notes(frame: &mut Frame, area: Rect, client: &Client, session: usize, ctx: &Ctx) {
    let theme = ctx.theme;
    let block = widgets::block(format!("第{}回の記録（参考）", session + 1), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let notes = &client.sessions[session].notes;
    let mut lines = Vec::new();
    for kind in [NoteKind::Decision, NoteKind::Request, NoteKind::Issue] {
        let of_kind: Vec<_> = notes.iter().filter(|n| n.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        lines.push(Line::styled(
            format!("{}（{}件）", kind.label(), of_kind.len()),
            theme.title(),
        ));
        for n in of_kind {
            lines.extend(widgets::fit_text(
                &format!("・{}", n.text.trim()),
                width,
                ratatui::style::Style::new(),
            ));
        }
    }
    if lines.is_empty() {
        lines = widgets::fit_text(
            "決定事項・依頼事項・課題のメモはまだありません",
            width,
            theme.dim(),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
