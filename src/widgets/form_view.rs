//! The read-only view of a form in the form pane: its lines, unwrapped.

use super::Theme;
use crate::content::Catalog;
use crate::domain::diagnosis::{GAP_THRESHOLD, dont_know, gaps, score};
use crate::domain::model::{Client, FormKind};
use crate::domain::plan::priority_order;
use crate::text::pad;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The lines of a form, as shown read-only.
pub fn form_lines(
    cat: &Catalog,
    client: &Client,
    form: FormKind,
    theme: Theme,
) -> Vec<Line<'static>> {
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
                let band = &cat.diagnosis.band(sc.band()).label;
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
            let enacted = p
                .enacted_on
                .map_or("未定".to_owned(), crate::domain::dates::on_screen);
            out.push(Line::from(format!(
                "制定日 {enacted}  {}  {}",
                client.profile.name, client.profile.representative
            )));
            let published = match (p.published_on, p.published_url.trim()) {
                (Some(d), url) => format!("公開 {} {url}", crate::domain::dates::on_screen(d)),
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
                        r.deadline.map_or(String::new(), |d| format!(
                            "期限 {}",
                            crate::domain::dates::on_screen(d)
                        )),
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
