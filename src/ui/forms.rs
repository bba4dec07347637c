//! Read-only views of the forms inside the session screens and the client
//! profile tab (the form editors build on these).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::widgets::fit;

use super::{Theme, block, pad};
use crate::app::{App, Pane, Workspace};
use crate::domain::eligibility::{Verdict, verdict, yen};

pub fn draw_form(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let focused = w.pane == Pane::Form;
    let form = w.shown_form();
    let width = usize::from(area.width.saturating_sub(2));
    let lines = fit(
        crate::widgets::form_view::form_lines(&app.catalog, &w.client, form, theme),
        width,
    );
    // Never scrolled past the last screenful.
    let last = lines
        .len()
        .saturating_sub(usize::from(area.height.saturating_sub(2)));
    let scroll = if focused {
        w.selected(Pane::Form).min(last)
    } else {
        0
    };
    let title = format!("{}（閲覧）", form.label());
    let p = Paragraph::new(lines)
        .block(block(title.clone(), focused, theme))
        .scroll((scroll as u16, 0));
    frame.render_widget(p, area);
}

pub fn draw_profile(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let p = &w.client.profile;
    let cat = &app.catalog;
    let industry = p
        .industry
        .and_then(|n| cat.eligibility.get(n))
        .map_or("未入力".to_owned(), |c| {
            format!("{} {}", circled(c.no), c.name)
        });
    let row =
        |k: &str, v: String| Line::from(vec![Span::styled(pad(k, 16), theme.dim()), Span::raw(v)]);
    let mut lines = vec![
        row("会社名", p.name.clone()),
        row("代表者", p.representative.clone()),
        row("業種分類", industry),
    ];
    if let Some(m) = p.main_industry.and_then(|n| cat.eligibility.get(n)) {
        lines.push(row("主たる業種", format!("{} {}", circled(m.no), m.name)));
    }
    lines.extend([
        row("資本金", p.capital_yen.map_or("未入力".into(), yen)),
        row(
            "常時従業員",
            p.employees.map_or("未入力".into(), |e| format!("{e}人")),
        ),
        row("所在地", format!("{} {}", p.prefecture, p.address)),
        row("Webサイト", p.website.clone()),
        row("SECURITY ACTION", p.security_action.label().to_owned()),
        row(
            "基本方針(既存)",
            if p.has_basic_policy {
                "あり"
            } else {
                "なし"
            }
            .to_owned(),
        ),
        row(
            "前年度参加",
            if p.took_part_last_year {
                "あり"
            } else {
                "なし"
            }
            .to_owned(),
        ),
        row(
            "法人格",
            if p.unincorporated {
                "なし（任意団体）"
            } else {
                "あり"
            }
            .to_owned(),
        ),
    ]);
    for c in &p.contacts {
        lines.push(row(
            "担当者",
            format!("{} {} {} {}", c.name, c.role, c.email, c.phone),
        ));
    }
    let width = usize::from(left.width.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(fit(lines, width)).block(block("企業情報", false, theme)),
        left,
    );

    let v = verdict(p, &cat.eligibility);
    let style = match v {
        Verdict::Eligible(_) => theme.ok(),
        Verdict::NotEligible(_) => theme.alert(),
        Verdict::Undetermined(_) => theme.warn(),
    };
    let mut lines = vec![Line::styled(format!("判定: {}", v.label()), style)];
    for r in v.reasons() {
        lines.push(Line::from(format!(" ・{}", r.text())));
    }
    lines.push(Line::from(""));
    lines.extend(crate::widgets::readiness_lines(&w.client, theme));
    // The expert's own details (config.toml), printed on every report.
    let key = app.key(&[], crate::action::Action::Expert);
    let e = &app.settings.expert;
    lines.push(Line::from(""));
    lines.push(if e.name.trim().is_empty() {
        Line::styled(
            format!("担当専門家（あなた）: 未記入（{key} で登録。報告書に載ります）"),
            theme.warn(),
        )
    } else {
        Line::from(format!(
            "担当専門家（あなた）: {}（{key} で編集）",
            e.name.trim()
        ))
    });
    let width = usize::from(right.width.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(fit(lines, width)).block(block("対象判定と二つ星の準備", false, theme)),
        right,
    );
}

/// An industry category's number as the table writes it: `(1)`.
fn circled(n: u8) -> String {
    format!("({n})")
}
