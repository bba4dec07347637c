//! Basic policy editor (情報セキュリティ基本方針): the preamble and the
//! articles as multi-line text, the date of enactment, where and when it was
//! published; the company name and representative shown read-only from the
//! profile (企業情報, the one place they are changed); beside them the text
//! as the document reads, and the SECURITY ACTION ★★ readiness.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::confirm::{Confirm, ask};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::dates::parse_date;
use crate::domain::model::{BasicPolicy, Client};
use crate::domain::readiness::readiness;
use crate::widgets;
use crate::widgets::{Field as TextField, Step};

/// One editable field of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Preamble,
    Heading(usize),
    Body(usize),
    Enacted,
    Company,
    Representative,
    Url,
    Published,
}

fn fields(p: &BasicPolicy) -> Vec<Field> {
    let mut out = vec![Field::Preamble];
    for i in 0..p.articles.len() {
        out.push(Field::Heading(i));
        out.push(Field::Body(i));
    }
    out.extend([
        Field::Enacted,
        Field::Company,
        Field::Representative,
        Field::Url,
        Field::Published,
    ]);
    out
}

impl Field {
    fn label(self) -> String {
        match self {
            Field::Preamble => "前文".into(),
            Field::Heading(i) => format!("第{}条 見出し", i + 1),
            Field::Body(i) => format!("第{}条 本文", i + 1),
            Field::Enacted => "制定日".into(),
            Field::Company => "会社名".into(),
            Field::Representative => "代表者".into(),
            Field::Url => "公開先URL".into(),
            Field::Published => "公開日".into(),
        }
    }

    /// The label in the list: articles as 第1条 with their body below.
    fn short_label(self) -> String {
        match self {
            Field::Heading(i) => format!("第{}条", i + 1),
            Field::Body(_) => "  本文".into(),
            _ => self.label(),
        }
    }

    /// Shown from the profile, changed there (企業情報).
    fn in_profile(self) -> bool {
        matches!(self, Field::Company | Field::Representative)
    }

    fn multiline(self) -> bool {
        matches!(self, Field::Preamble | Field::Body(_))
    }

    fn is_date(self) -> bool {
        matches!(self, Field::Enacted | Field::Published)
    }

    /// The value as stored (dates as 2026-12-01).
    fn value(self, client: &Client) -> String {
        let p = &client.policy;
        let article = |i: usize| p.articles.get(i);
        match self {
            Field::Preamble => p.preamble.clone(),
            Field::Heading(i) => article(i).map(|a| a.heading.clone()).unwrap_or_default(),
            Field::Body(i) => article(i).map(|a| a.body.clone()).unwrap_or_default(),
            Field::Enacted => p.enacted_on.map(|d| d.to_string()).unwrap_or_default(),
            Field::Company => client.profile.name.clone(),
            Field::Representative => client.profile.representative.clone(),
            Field::Url => p.published_url.clone(),
            Field::Published => p.published_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The template's text for this field, when it has one.
    fn template(self, catalog: &Catalog, client: &Client) -> Option<String> {
        let t = catalog.policy_for(client.profile.name.trim());
        match self {
            Field::Preamble => Some(t.preamble),
            Field::Heading(i) => t.articles.get(i).map(|a| a.heading.clone()),
            Field::Body(i) => t.articles.get(i).map(|a| a.body.clone()),
            _ => None,
        }
    }

    /// Stores `text`; a message to show, or why it cannot be stored.
    fn apply(
        self,
        client: &mut Client,
        text: &str,
        today: chrono::NaiveDate,
    ) -> Result<Option<String>, String> {
        let p = &mut client.policy;
        match self {
            Field::Preamble => p.preamble = text.to_owned(),
            Field::Heading(i) => {
                if let Some(a) = p.articles.get_mut(i) {
                    a.heading = text.to_owned();
                }
            }
            Field::Body(i) => {
                if let Some(a) = p.articles.get_mut(i) {
                    a.body = text.to_owned();
                }
            }
            Field::Enacted => p.enacted_on = parse_date(text)?,
            Field::Company | Field::Representative => {}
            Field::Url => {
                p.published_url = text.to_owned();
                if !text.is_empty() && !text.starts_with("http://") && !text.starts_with("https://")
                {
                    return Ok(Some(
                        "URL は https:// から書くと、そのまま開けます（保存しました）".into(),
                    ));
                }
            }
            Field::Published => {
                p.published_on = parse_date(text)?;
                if p.published_on.is_some_and(|d| d > today) {
                    return Ok(Some("公開日が今日より後の日付です（保存しました）".into()));
                }
                if p.published_on.is_some() && p.published_url.trim().is_empty() {
                    return Ok(Some(
                        "公開先URLも入力してください（Webサイト以外で公開した場合は空のままで構いません）"
                            .into(),
                    ));
                }
            }
        }
        Ok(None)
    }
}

#[derive(Default)]
pub struct PolicyEditor {
    sel: usize,
    typing: Option<(Field, TextField)>,
    /// A field waiting for a second press to go back to the template.
    confirm_template: Confirm<Field>,
}

impl PolicyEditor {
    fn selected(&self, p: &BasicPolicy) -> Field {
        let f = fields(p);
        f[self.sel.min(f.len() - 1)]
    }

    fn type_key(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
        ctx: &Ctx,
    ) -> Outcome {
        let Some((field, tf)) = &mut self.typing else {
            return Outcome::ignored();
        };
        let field = *field;
        let today = ctx.now.date_naive();
        match tf.key(ev, action) {
            // Text is written as it is typed; dates only when done.
            Step::Changed if !field.is_date() => {
                let _ = field.apply(client, &tf.trimmed(), today);
                Outcome::changed()
            }
            Step::Changed | Step::Moved | Step::Other(_) => Outcome::consumed(),
            Step::Done => {
                let result = field.apply(client, &tf.trimmed(), today);
                super::leave_checked(result, action, &mut self.typing)
            }
        }
    }

    fn browse_key(&mut self, action: Option<Action>, client: &mut Client, ctx: &Ctx) -> Outcome {
        let n = fields(&client.policy).len();
        let field = self.selected(&client.policy);
        self.confirm_template.seen(action);
        match action {
            Some(Action::Up | Action::PrevPane | Action::Left) => {
                self.sel = self.sel.min(n - 1).saturating_sub(1);
                Outcome::consumed()
            }
            Some(Action::Down | Action::NextPane | Action::Right) => {
                self.sel = (self.sel + 1).min(n - 1);
                Outcome::consumed()
            }
            Some(Action::Edit | Action::Toggle) if field.in_profile() => Outcome {
                message: Some(format!(
                    "{}は企業情報で変更します（{} の企業情報タブで {}）",
                    field.label(),
                    ctx.key(Action::Tab(0)),
                    ctx.key(Action::Edit)
                )),
                ..Outcome::consumed()
            },
            Some(Action::Edit | Action::Toggle) => {
                let mut text = field.value(client);
                if field.is_date() && text.is_empty() {
                    text = ctx.now.date_naive().to_string();
                }
                let tf = if field.multiline() {
                    TextField::multi(&text)
                } else {
                    TextField::single(&text)
                };
                self.typing = Some((field, tf));
                Outcome::consumed()
            }
            Some(Action::FromTemplate) => {
                let Some(t) = field.template(ctx.catalog, client) else {
                    return Outcome {
                        message: Some("この欄にはひな形の文がありません".into()),
                        ..Outcome::consumed()
                    };
                };
                if field.value(client) == t {
                    return Outcome {
                        message: Some(format!("{}はひな形の文のままです", field.label())),
                        ..Outcome::consumed()
                    };
                }
                if !self.confirm_template.twice(Action::FromTemplate, field) {
                    let what = format!("{}をひな形の文に戻します", field.label());
                    return Outcome {
                        message: Some(ask(&ctx.key(Action::FromTemplate), &what)),
                        ..Outcome::consumed()
                    };
                }
                let _ = field.apply(client, &t, ctx.now.date_naive());
                Outcome {
                    message: Some(format!("{}をひな形の文に戻しました", field.label())),
                    ..Outcome::changed()
                }
            }
            _ => Outcome::ignored(),
        }
    }
}

impl Editor for PolicyEditor {
    fn typing(&self) -> bool {
        self.typing.is_some()
    }

    fn help_notes(&self, _catalog: &Catalog) -> Vec<String> {
        vec!["会社名と代表者は企業情報（企業情報タブ）のとおりに出力されます。ここでは表示だけで、変えるのは企業情報です。".into()]
    }

    fn key(&mut self, Press { ev, action }: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        if self.typing.is_some() {
            self.type_key(ev, action, client, ctx)
        } else {
            self.browse_key(action, client, ctx)
        }
    }

    fn paste(&mut self, text: &str, client: &mut Client, ctx: &Ctx) -> Outcome {
        let Some((field, tf)) = &mut self.typing else {
            return Outcome::ignored();
        };
        if tf.paste(text) == Step::Changed && !field.is_date() {
            let _ = field.apply(client, &tf.trimmed(), ctx.now.date_naive());
            Outcome::changed()
        } else {
            Outcome::consumed()
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let [main, hint_area] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(main);
        let [list_area, ready_area] = Layout::vertical([
            Constraint::Min(4),
            Constraint::Length(widgets::readiness_height(client, left.width)),
        ])
        .areas(left);

        let p = &client.policy;
        let all = fields(p);
        let sel = self.sel.min(all.len() - 1);
        let label_w = 11;
        let value_w = usize::from(list_area.width.saturating_sub(2)).saturating_sub(label_w + 2);
        let r = readiness(client);
        let items: Vec<ListItem> = all
            .iter()
            .map(|f| {
                let v = widgets::first_line(&f.value(client));
                let missing = v.is_empty() && !matches!(f, Field::Url | Field::Published);
                // From the profile: read-only here, and says where it is
                // changed when there is room for it.
                let from = if f.in_profile() && crate::text::width(&v) + 12 <= value_w {
                    "（企業情報）"
                } else {
                    ""
                };
                let (text, style) = if v.is_empty() {
                    (
                        "（未記入）".to_owned(),
                        if missing || !r.checks[2].met() {
                            theme.warn()
                        } else {
                            theme.dim()
                        },
                    )
                } else {
                    (crate::text::cut(&v, value_w), Style::new())
                };
                let label_style = if matches!(f, Field::Heading(_)) {
                    theme.title()
                } else {
                    theme.dim()
                };
                ListItem::new(Line::from(vec![
                    Span::styled(crate::text::pad(&f.short_label(), label_w), label_style),
                    Span::styled(text, style),
                    Span::styled(from, theme.dim()),
                ]))
            })
            .collect();
        let focused = self.typing.is_none();
        let list = List::new(items)
            .block(widgets::block(
                format!("基本方針（{} で編集）", ctx.key(Action::Edit)),
                focused,
                theme,
            ))
            .highlight_symbol("> ")
            .highlight_style(theme.selected());
        let mut state = ListState::default().with_selected(Some(sel));
        frame.render_stateful_widget(list, list_area, &mut state);
        widgets::draw_readiness(frame, ready_area, client, theme);
        draw_preview(frame, right, client, ctx, all[sel]);

        if let Some((field, tf)) = &self.typing {
            let rect = if tf.is_multiline() {
                list_area
            } else {
                let h = 3.min(list_area.height);
                Rect {
                    y: list_area.bottom().saturating_sub(h),
                    height: h,
                    ..list_area
                }
            };
            frame.render_widget(ratatui::widgets::Clear, rect);
            tf.draw(frame, rect, &field.label(), "", ctx.keymap, ctx.theme);
        }
        let note = "右のプレビューは公開される文面です（入力のたびに更新・保存）";
        #[rustfmt::skip]
        let items = [
            (Action::Edit, "編集"), (Action::Down, "次の欄"), (Action::FromTemplate, "ひな形に戻す"),
            (Action::CycleForm, "次の様式"), (Action::Cancel, "閉じる"),
        ];
        let typing = self.typing.is_some().then_some(note);
        let hint = widgets::hints::form_line(typing, ctx.keymap, &items, theme);
        frame.render_widget(hint, hint_area);
    }
}

/// The text as the document reads (no Markdown marks), wrapped, scrolled to
/// the selected field.
fn draw_preview(frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx, field: Field) {
    use crate::export::doc::{Look, plain};
    let theme = ctx.theme;
    let doc = crate::export::policy::doc(ctx.catalog, client);
    let width = usize::from(area.width.saturating_sub(2));
    // The policy's blocks: the preamble (shown from the title), a heading
    // and a body per article, then the signature.
    let anchor = match field {
        Field::Preamble => None,
        Field::Heading(i) => Some(1 + 2 * i),
        Field::Body(i) => Some(2 + 2 * i),
        _ => Some(doc.blocks.len().saturating_sub(1)),
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut anchor_row = 0;
    for l in plain(&doc) {
        if anchor.is_some() && l.block == anchor && anchor_row == 0 {
            anchor_row = lines.len();
        }
        let style = match l.look {
            Look::Title | Look::Heading => theme.title(),
            Look::Text | Look::Right => Style::new(),
        };
        for w in crate::text::wrap(&l.text, width) {
            let w = if l.look == Look::Right {
                crate::text::pad_left(&w, width)
            } else {
                w
            };
            lines.push(Line::styled(w, style));
        }
    }
    let height = usize::from(area.height.saturating_sub(2));
    let scroll = anchor_row
        .saturating_sub(1)
        .min(lines.len().saturating_sub(height));
    let p = &client.policy;
    let status = match (p.published_on, p.published_url.trim()) {
        (Some(d), "") => format!("公開済 {d}"),
        (Some(d), url) => format!("公開済 {d} {url}"),
        (None, _) => "未公開".to_owned(),
    };
    let block =
        widgets::block("公開される文面（プレビュー）", false, theme).title_bottom(Span::styled(
            format!(" {status} "),
            if p.published_on.is_some() {
                theme.ok()
            } else {
                theme.warn()
            },
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        area,
    );
}
