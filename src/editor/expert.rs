//! The expert's own details (担当専門家: 氏名, 登録番号, 所属, メール, 電話),
//! printed on every report of every client. They live in config.toml
//! `[expert]`, not in the client: the editor keeps a draft, writes it into
//! config.toml each time a field is left, and hands what was saved to the
//! app (`Outcome::expert`) for the settings the next export uses.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::texts::{Edit, Texts};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use std::path::PathBuf;

use crate::config::{EXPERT_FIELDS, Expert};
use crate::domain::model::Client;
use crate::widgets;

const NO_FOLDER: &str = "設定フォルダがありません（BANSOU_CONFIG_DIR で指定できます）";

pub struct ExpertEditor {
    draft: Expert,
    /// What config.toml holds (as read at opening or last written): a
    /// field left unchanged is not written again.
    saved: Expert,
    texts: Texts,
    /// The config folder (config.toml is saved there).
    dir: Option<PathBuf>,
    /// Why config.toml cannot be written now (it does not parse).
    problem: Option<String>,
}

impl ExpertEditor {
    /// Starts from what config.toml in `dir` holds now (it may have been
    /// edited by hand since start), or from `current` when it cannot be read.
    pub fn new(current: &Expert, dir: Option<PathBuf>) -> Self {
        let (draft, problem) = match &dir {
            Some(d) => match crate::config::settings_in(d) {
                Ok(s) => (s.expert, None),
                Err(e) => (current.clone(), Some(e)),
            },
            None => (current.clone(), Some(NO_FOLDER.to_owned())),
        };
        ExpertEditor {
            saved: draft.clone(),
            draft,
            texts: Texts::default(),
            dir,
            problem,
        }
    }

    /// config.toml, as shown.
    fn path(&self) -> String {
        self.dir.as_ref().map_or_else(
            || "config.toml".to_owned(),
            |d| d.join("config.toml").display().to_string(),
        )
    }

    /// Writes the draft into config.toml; what was saved, or why not.
    fn save(&mut self, label: &str) -> Outcome {
        let result = match &self.dir {
            Some(d) => crate::config::save_expert_in(d, &self.draft),
            None => Err(NO_FOLDER.to_owned()),
        };
        match result {
            Ok(path) => {
                self.problem = None;
                self.saved = self.draft.clone();
                Outcome {
                    expert: Some(self.draft.clone()),
                    message: Some(format!(
                        "{label}を保存しました（{}）。すべての企業の報告書に載ります",
                        path.display()
                    )),
                    ..Outcome::consumed()
                }
            }
            Err(e) => {
                self.problem = Some(e.clone());
                Outcome {
                    message: Some(format!("保存できません（設定ファイルはそのままです）: {e}")),
                    ..Outcome::consumed()
                }
            }
        }
    }

    fn values(&self) -> Vec<(String, bool)> {
        EXPERT_FIELDS
            .iter()
            .map(|(key, _)| (self.draft.get(key).to_owned(), false))
            .collect()
    }

    fn apply(&mut self, edit: Edit) -> Outcome {
        match edit {
            Edit::Ignored => Outcome::ignored(),
            Edit::Consumed => Outcome::consumed(),
            Edit::Text { index, text, done } => {
                self.draft.set(EXPERT_FIELDS[index].0, &text);
                // Left unchanged: config.toml stays untouched.
                if done && (self.draft != self.saved || self.problem.is_some()) {
                    self.save(EXPERT_FIELDS[index].1)
                } else {
                    Outcome::consumed()
                }
            }
        }
    }
}

impl Editor for ExpertEditor {
    fn typing(&self) -> bool {
        self.texts.typing()
    }

    fn edits_client(&self) -> bool {
        false
    }

    fn key(&mut self, press: Press, _client: &mut Client, _ctx: &Ctx) -> Outcome {
        let values = self.values();
        let edit = self.texts.key(press, &values);
        self.apply(edit)
    }

    fn paste(&mut self, text: &str, _client: &mut Client, _ctx: &Ctx) -> Outcome {
        let edit = self.texts.paste(text);
        self.apply(edit)
    }

    fn help_notes(&self, _catalog: &crate::content::Catalog) -> Vec<String> {
        vec![format!(
            "担当専門家の情報は企業ごとではなく設定ファイル {} の [expert] に保存され、すべての企業の実施報告・最終報告書に載ります。ファイルの他の設定やコメントはそのまま残ります。",
            self.path()
        )]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let [list_area, info_area, hint_area] = Layout::vertical([
            Constraint::Length(EXPERT_FIELDS.len() as u16 + 2),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        let label_w = 10;
        let value_w = usize::from(list_area.width.saturating_sub(4)).saturating_sub(label_w);
        let items: Vec<ListItem> = EXPERT_FIELDS
            .iter()
            .map(|(key, label)| {
                let v = self.draft.get(key);
                let value = if v.is_empty() {
                    Span::styled("（未記入）", theme.warn())
                } else {
                    Span::raw(crate::text::cut(v, value_w))
                };
                ListItem::new(Line::from(vec![
                    Span::styled(crate::text::pad(label, label_w), theme.dim()),
                    value,
                ]))
            })
            .collect();
        let sel = self.texts.selected(EXPERT_FIELDS.len());
        let title = format!(
            "担当専門家（あなた）— 報告書に載ります（{} で編集）",
            ctx.key(Action::Edit)
        );
        let focused = !self.texts.typing();
        widgets::draw_list(frame, list_area, items, title, focused, Some(sel), theme);

        let width = usize::from(info_area.width.saturating_sub(2));
        let mut lines = Vec::new();
        if let Some(p) = &self.problem {
            lines.extend(widgets::fit_text(
                &format!("設定ファイルを読めません。直すまで保存しません: {p}"),
                width,
                theme.alert(),
            ));
        }
        lines.extend(widgets::fit_text(
            &format!("保存先: {}（[expert]、すべての企業に共通）", self.path()),
            width,
            theme.dim(),
        ));
        lines.push(Line::styled("報告書の表示:", theme.title()));
        for (k, v) in crate::export::reports::expert_fields(&self.draft) {
            lines.extend(widgets::fit(
                vec![Line::from(vec![
                    Span::styled(crate::text::pad(&k, 12), theme.dim()),
                    Span::raw(v),
                ])],
                width,
            ));
        }
        let block = widgets::block("保存先と報告書での見え方", false, theme);
        frame.render_widget(Paragraph::new(lines).block(block), info_area);

        if let Some((i, field)) = self.texts.editing() {
            let h = 3.min(info_area.height);
            let rect = Rect {
                height: h,
                ..info_area
            };
            frame.render_widget(ratatui::widgets::Clear, rect);
            field.draw(frame, rect, EXPERT_FIELDS[i].1, "", ctx.keymap, theme);
        }
        let note = "担当専門家の情報（離れると config.toml に保存）";
        #[rustfmt::skip]
        let items = [(Action::Edit, "編集"), (Action::Down, "次の欄"), (Action::Cancel, "閉じる")];
        let typing = self.texts.typing().then_some(note);
        let hint = widgets::hints::form_line(typing, ctx.keymap, &items, theme);
        frame.render_widget(hint, hint_area);
    }
}
