//! Read-only views of the forms inside the session screens and the client
//! profile tab (the form editors build on these).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, block, pad};
use crate::app::{App, Pane, Workspace};
use crate::domain::diagnosis::{GAP_THRESHOLD, dont_know, gaps, score};
use crate::domain::eligibility::{Verdict, verdict, yen};
use crate::domain::model::{Client, FormKind};
use crate::domain::plan::priority_order;

/// The lines of a form, as shown read-only.
pub fn form_lines(app: &App, client: &Client, form: FormKind, theme: Theme) -> Vec<Line<'static>> {
    let cat = &app.catalog;
    let mut out: Vec<Line<'static>> = Vec::new();
    match form {
        FormKind::Hearing => {
            let total = cat.hearing_points().count();
            let answered = client
                .hearing
                .iter()
                .filter(|h| !h.answer.trim().is_empty())
                .count();
            out.push(Line::styled(
                format!("回答 {answered}/{total} 項目"),
                theme.dim(),
            ));
            for s in &cat.hearing.section {
                out.push(Line::styled(
                    format!("{}．{}", s.no, s.title),
                    theme.title(),
                ));
                for p in &s.point {
                    let a = client.hearing.iter().find(|h| h.point == p.id);
                    let answer = a.map(|a| a.answer.trim()).filter(|t| !t.is_empty());
                    out.push(Line::from(vec![Span::styled(
                        format!(" {} {} ", p.id, p.title),
                        Style::new(),
                    )]));
                    match answer {
                        Some(t) => out.push(Line::from(format!("   {t}"))),
                        None => out.push(Line::styled("   （未回答）", theme.dim())),
                    }
                    if let Some(c) = a.map(|a| a.consider.trim()).filter(|t| !t.is_empty()) {
                        out.push(Line::styled(format!("   考慮点: {c}"), theme.warn()));
                    }
                }
            }
        }
        FormKind::Diagnosis => {
            let rs = &client.diagnosis.respondents;
            if rs.is_empty() {
                out.push(Line::styled("回答者はまだいません", theme.dim()));
            }
            for r in rs {
                let sc = score(&r.answers);
                let band = cat
                    .diagnosis
                    .band
                    .get(sc.band().index())
                    .map_or("", |b| b.label.as_str());
                out.push(Line::from(vec![
                    Span::raw(format!("{} ({}) ", r.name, r.role.label())),
                    Span::styled(format!("{}点", sc.total), theme.title()),
                    Span::raw(format!(
                        " [{}/{}/{}] {band}",
                        sc.parts[0], sc.parts[1], sc.parts[2]
                    )),
                    Span::styled(
                        if sc.complete() {
                            String::new()
                        } else {
                            format!(" {}/25問", sc.answered)
                        },
                        theme.warn(),
                    ),
                ]));
            }
            let g = gaps(rs, GAP_THRESHOLD);
            if !g.is_empty() {
                out.push(Line::styled(
                    format!("回答者間で{GAP_THRESHOLD}点以上の差"),
                    theme.title(),
                ));
                for gap in g {
                    let topic = cat.diagnosis_item(gap.no).map_or("", |i| i.topic.as_str());
                    let marks: String = rs
                        .iter()
                        .map(|r| r.answers[usize::from(gap.no) - 1].mark())
                        .collect();
                    out.push(Line::from(format!(" Q{:<2} {marks} {topic}", gap.no)));
                }
            }
            let dk = dont_know(rs);
            if !dk.is_empty() {
                out.push(Line::styled(
                    "「わからない」の項目（要確認）",
                    theme.title(),
                ));
                for (no, who) in dk {
                    let topic = cat.diagnosis_item(no).map_or("", |i| i.topic.as_str());
                    out.push(Line::from(format!(" Q{no:<2} {topic}（{}名）", who.len())));
                }
            }
            let focus: Vec<_> = client.diagnosis.items.iter().filter(|i| i.focus).collect();
            if !focus.is_empty() {
                out.push(Line::styled("重点改善領域", theme.title()));
                for f in focus {
                    let topic = cat.diagnosis_item(f.no).map_or("", |i| i.topic.as_str());
                    let r = f.ratings;
                    out.push(Line::from(format!(
                        " Q{:<2} {topic} 緊急{} 重要{} 難易{}",
                        f.no,
                        r.urgency.map_or("-", |l| l.label()),
                        r.importance.map_or("-", |l| l.label()),
                        r.difficulty.map_or("-", |d| d.label())
                    )));
                }
            }
        }
        FormKind::Policy => {
            let p = &client.policy;
            out.push(Line::styled(cat.policy.title.clone(), theme.title()));
            out.push(Line::from(p.preamble.clone()));
            for (i, a) in p.articles.iter().enumerate() {
                out.push(Line::styled(
                    format!("{}. {}", i + 1, a.heading),
                    theme.title(),
                ));
                out.push(Line::from(a.body.clone()));
            }
            let enacted = p.enacted_on.map_or("未定".to_owned(), |d| d.to_string());
            out.push(Line::from(format!(
                "制定日 {enacted}  {}  {}",
                p.company, p.representative
            )));
            let published = match (p.published_on, p.published_url.trim()) {
                (Some(d), url) => format!("公開 {d} {url}"),
                (None, _) => "未公開".to_owned(),
            };
            out.push(Line::styled(published, theme.warn()));
            readiness_lines(&mut out, client, theme);
        }
        FormKind::Regulations => {
            let done = client
                .regulations
                .iter()
                .filter(|r| r.status.is_some())
                .count();
            out.push(Line::styled(
                format!("点検済 {done}/{}", client.regulations.len()),
                theme.dim(),
            ));
            for r in &client.regulations {
                let name = cat.regulation(r.no).map_or("", |e| e.name.as_str());
                let status = r.status.map_or("（未選択）", |s| s.label());
                out.push(Line::from(vec![
                    Span::raw(format!("{:>2} {} ", r.no, pad(name, 18))),
                    Span::styled(
                        status.to_owned(),
                        if r.status.is_some() {
                            Style::new()
                        } else {
                            theme.dim()
                        },
                    ),
                ]));
                if !r.comment.trim().is_empty() {
                    out.push(Line::styled(
                        format!("    {}", r.comment.trim()),
                        theme.dim(),
                    ));
                }
            }
        }
        FormKind::Plan => {
            out.push(Line::styled(
                format!("{} 行（優先順）", client.plan.len()),
                theme.dim(),
            ));
            for i in priority_order(&client.plan) {
                let r = &client.plan[i];
                let rt = r.ratings;
                out.push(Line::from(vec![
                    Span::styled(format!("{} ", r.area.label()), theme.title()),
                    Span::raw(format!(
                        "緊急{} 重要{} 難易{} {}{} {}",
                        rt.urgency.map_or("-", |l| l.label()),
                        rt.importance.map_or("-", |l| l.label()),
                        rt.difficulty.map_or("-", |d| d.label()),
                        r.feasibility.map_or("未定", |f| f.label()),
                        if r.linked { " 連携" } else { "" },
                        r.deadline.map_or(String::new(), |d| format!("期限 {d}")),
                    )),
                ]));
                out.push(Line::from(format!("  {}", r.measure)));
            }
            readiness_lines(&mut out, client, theme);
        }
        FormKind::Profile | FormKind::Notes => {}
    }
    out
}

/// The SECURITY ACTION ★★ readiness, as the form editors show it.
fn readiness_lines(out: &mut Vec<Line<'static>>, client: &Client, theme: Theme) {
    out.extend(crate::widgets::readiness_lines(client, theme));
}

pub fn draw_form(frame: &mut Frame, app: &App, w: &Workspace, area: Rect, theme: Theme) {
    let focused = w.pane == Pane::Form;
    let form = w.shown_form();
    let lines = form_lines(app, &w.client, form, theme);
    let scroll = if focused {
        w.selected(Pane::Form).min(lines.len().saturating_sub(1))
    } else {
        0
    };
    let title = format!("{}（閲覧）", form.label());
    let p = Paragraph::new(lines)
        .block(block(title.clone(), focused, theme))
        .wrap(Wrap { trim: false })
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
    frame.render_widget(
        Paragraph::new(lines)
            .block(block("企業情報", false, theme))
            .wrap(Wrap { trim: false }),
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
    readiness_lines(&mut lines, &w.client, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block("対象判定と二つ星の準備", false, theme))
            .wrap(Wrap { trim: false }),
        right,
    );
}

/// An industry category's number as the table writes it: `(1)`.
fn circled(n: u8) -> String {
    format!("({n})")
}
