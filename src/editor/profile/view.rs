//! Drawing the profile: the rows, the eligibility verdict and the ★★ panel.

use super::*;
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::eligibility::{Verdict, verdict, yen};
use crate::domain::model::{Client, Profile};
use crate::domain::readiness::readiness;
use crate::editor::Ctx;
use crate::text::pad;
use crate::widgets::Theme;
use crate::widgets::{fit, fit_text};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

impl ProfileEditor {
    pub(super) fn view(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let p = &client.profile;
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)])
                .areas(area);

        let rows = rows(p, &cat.eligibility);
        let edit_h = match &self.editing {
            Some(ed) if ed.field.is_multiline() => 8.min(left.height / 2),
            Some(_) => 3,
            None => 0,
        };
        // The memo in full below the list when there is room for it.
        let spare = left
            .height
            .saturating_sub(rows.len() as u16 + 2 + 1 + edit_h);
        let memo_h = if self.editing.is_none() && spare >= 4 && !p.memo.trim().is_empty() {
            spare
        } else {
            0
        };
        let [list_area, memo_area, edit_area, keys_area] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(memo_h),
            Constraint::Length(edit_h),
            Constraint::Length(1),
        ])
        .areas(left);

        let sel = self.sel.min(rows.len() - 1);
        let value_w = usize::from(list_area.width.saturating_sub(2)).saturating_sub(LABEL_W + 1);
        let items: Vec<ListItem> = rows
            .iter()
            .map(|row| {
                let (value, style) = value_of(*row, p, ctx);
                let value = value.replace('\n', " ");
                ListItem::new(Line::from(vec![
                    Span::styled(pad(&row.label(), LABEL_W), theme.dim()),
                    Span::raw(" "),
                    Span::styled(pad(&value, value_w), style),
                ]))
            })
            .collect();
        let title = " 企業情報の編集 ";
        let title = Span::styled(title, theme.focus_border());
        crate::widgets::draw_list(frame, list_area, items, title, true, Some(sel), theme);

        if memo_h > 0 {
            frame.render_widget(
                Paragraph::new(fit_text(
                    p.memo.trim(),
                    usize::from(memo_area.width.saturating_sub(2)),
                    Style::new(),
                ))
                .block(crate::widgets::block(
                    Span::styled(" メモ ", theme.title()),
                    false,
                    theme,
                )),
                memo_area,
            );
        }
        if self.editing.is_none() {
            let k = |a: Action| ctx.key(a);
            frame.render_widget(
                Span::styled(
                    format!(
                        " {} 編集  {} 担当者追加  {} 削除  {} 閉じる",
                        k(Action::Edit),
                        k(Action::Add),
                        k(Action::Delete),
                        k(Action::Cancel)
                    ),
                    theme.dim(),
                ),
                keys_area,
            );
        }
        if let Some(ed) = &self.editing {
            let title = match &ed.error {
                Some(_) => format!("{}（読み取れません）", ed.row.label()),
                None => ed.row.label(),
            };
            ed.field
                .draw(frame, edit_area, &title, "", ctx.keymap, ctx.theme);
        }

        // The verdict, previewing the highlighted choice while picking.
        let mut preview = p.clone();
        if let Some(pk) = &self.picker {
            let no = pk.choices.get(pk.picker.sel).copied();
            if pk.row == Row::Industry {
                preview.industry = no;
            } else {
                preview.main_industry = no;
            }
        }
        draw_verdict(
            frame,
            right,
            &preview,
            client,
            cat,
            theme,
            self.picker.is_some(),
        );

        if let Some(pk) = &self.picker {
            pk.picker.draw(frame, list_area, ctx.keymap, theme);
        }
    }
}

/// The value shown for a row, and its style.
fn value_of(row: Row, p: &Profile, ctx: &Ctx) -> (String, Style) {
    let (cat, theme) = (ctx.catalog, ctx.theme);
    let missing = || ("未入力".to_owned(), theme.dim());
    let yes_no = |b: bool, yes: &str, no: &str| (if b { yes } else { no }).to_owned();
    match row {
        Row::Industry => match p.industry.and_then(|n| cat.eligibility.get(n)) {
            Some(c) => (numbered(c), Style::new()),
            None => missing(),
        },
        Row::MainIndustry => match p.main_industry.and_then(|n| cat.eligibility.get(n)) {
            Some(c) => (numbered(c), Style::new()),
            None => ("未入力（(12)〜(15) は必須）".into(), theme.warn()),
        },
        Row::Capital => match p.capital_yen {
            Some(c) => (yen(c), Style::new()),
            None => missing(),
        },
        Row::Employees => match p.employees {
            Some(e) => (format!("{e}人"), Style::new()),
            None => missing(),
        },
        Row::Unincorporated if p.unincorporated => {
            ("なし（法人格のない任意団体・対象外）".into(), theme.alert())
        }
        Row::Unincorporated => ("あり".into(), Style::new()),
        Row::TookPart if p.took_part_last_year => {
            ("前年度に参加した（対象外）".into(), theme.alert())
        }
        Row::TookPart => ("なし".into(), Style::new()),
        Row::SecurityAction => (level_label(p.security_action).into(), Style::new()),
        Row::HasPolicy => (yes_no(p.has_basic_policy, "あり", "なし"), Style::new()),
        Row::AddContact => (
            format!(
                "+ 担当者を追加（{} または {}）",
                ctx.key(Action::Edit),
                ctx.key(Action::Add)
            ),
            theme.dim(),
        ),
        r => {
            let t = r.text(p);
            if t.trim().is_empty() {
                missing()
            } else {
                (t, Style::new())
            }
        }
    }
}

fn draw_verdict(
    frame: &mut Frame,
    area: Rect,
    p: &Profile,
    client: &Client,
    cat: &Catalog,
    theme: Theme,
    previewing: bool,
) {
    let v = verdict(p, &cat.eligibility);
    let style = match v {
        Verdict::Eligible(_) => theme.ok(),
        Verdict::NotEligible(_) => theme.alert(),
        Verdict::Undetermined(_) => theme.warn(),
    };
    let mut lines = vec![Line::from(vec![
        Span::raw("判定: "),
        Span::styled(v.label(), style),
        Span::styled(
            if previewing {
                "（選択中の業種で試算）"
            } else {
                ""
            },
            theme.dim(),
        ),
    ])];
    for r in v.reasons() {
        lines.push(Line::from(format!(" - {}", r.text())));
    }
    lines.push(Line::from(""));
    match p.industry.and_then(|n| cat.eligibility.get(n)) {
        Some(c) => {
            lines.push(Line::styled(format!("基準 {}", numbered(c)), theme.title()));
            lines.push(Line::from(format!(" {}", limits(c, p, &cat.eligibility))));
        }
        None => lines.push(Line::styled(
            "基準: 業種分類を選ぶと表示します",
            theme.dim(),
        )),
    }
    lines.push(Line::styled(
        "法人格のない任意団体と前年度の参加企業は対象外",
        theme.dim(),
    ));
    lines.push(Line::from(""));
    let r = readiness(client);
    lines.push(Line::styled(
        format!(
            "二つ星宣言の準備: {}",
            if r.complete() { "完了" } else { "未完了" }
        ),
        theme.title(),
    ));
    for c in r.checks {
        match c.missing {
            None => lines.push(Line::styled(format!(" 済 {}", c.label), theme.ok())),
            Some(m) => lines.push(Line::styled(format!(" 未 {}: {m}", c.label), theme.warn())),
        }
    }
    let width = usize::from(area.width.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(fit(lines, width)).block(crate::widgets::block(
            Span::styled(" 対象判定（中小企業等） ", theme.title()),
            false,
            theme,
        )),
        area,
    );
}

/// The industry categories to choose from, and the limits of each.
pub(super) fn industry_options(choices: &[u8], cat: &Catalog) -> (Vec<String>, Vec<String>) {
    choices
        .iter()
        .filter_map(|n| cat.eligibility.get(*n))
        .map(|c| {
            let lim = if c.by_main_industry {
                "主たる業種の基準".to_owned()
            } else {
                match (c.capital_limit_yen, c.employee_limit) {
                    (Some(cap), Some(e)) => format!("{}/{e}人", yen(cap)),
                    (None, Some(e)) => format!("{e}人"),
                    _ => String::new(),
                }
            };
            (numbered(c), lim)
        })
        .unzip()
}
