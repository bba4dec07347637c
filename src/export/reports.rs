//! Markdown reports: `第N回_実施報告.md` per session that has a date or
//! notes, and `最終報告書.md` once session 4 is done.

use std::fmt::Write;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};

use super::{Document, diagnosis, hearing, plan, policy, regulations};
use crate::content::Catalog;
use crate::domain::agenda::{self, ItemState, item_state};
use crate::domain::diagnosis::{dont_know, score};
use crate::domain::model::{
    Area, Client, Difficulty, Feasibility, Level, NoteKind, RegulationStatus, SESSIONS, Session,
};
use crate::domain::plan::priority_order;
use crate::domain::readiness::readiness;

pub const FINAL_FILE: &str = "最終報告書.md";

/// `第N回_実施報告.md`.
pub fn session_file(no: usize) -> String {
    format!("第{no}回_実施報告.md")
}

/// Whether a session gets a report: it has a date or notes.
pub fn has_report(s: &Session) -> bool {
    s.date.is_some() || !s.notes.is_empty()
}

/// Whether the final report is due: session 4 is done.
pub fn final_due(client: &Client) -> bool {
    client.sessions[SESSIONS - 1].completed_at.is_some()
}

pub fn documents(catalog: &Catalog, client: &Client, now: NaiveDateTime) -> Vec<Document> {
    let mut docs: Vec<Document> = client
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| has_report(s))
        .map(|(i, _)| Document {
            name: session_file(i + 1),
            bytes: session_report(catalog, client, i + 1, now).into_bytes(),
        })
        .collect();
    if final_due(client) {
        docs.push(Document {
            name: FINAL_FILE.into(),
            bytes: final_report(catalog, client, now).into_bytes(),
        });
    }
    docs
}

// ---------------------------------------------------------------------------
// Formatting helpers

const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// `2026年11月10日（火）`.
pub fn date_jp(d: NaiveDate) -> String {
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
    format!("{}（{wd}）", d.format("%Y年%-m月%-d日"))
}

fn date_opt(d: Option<NaiveDate>) -> String {
    d.map(date_jp).unwrap_or_else(|| "未定".into())
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Text for a Markdown table cell: no pipes, no line breaks.
fn cell(s: &str) -> String {
    let s = s
        .trim()
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .replace('\n', "<br>");
    if s.is_empty() { "—".into() } else { s }
}

/// Text for one list item: line breaks folded into spaces.
fn inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole minutes of a number of seconds, rounded to the nearest.
fn minutes(secs: i64) -> i64 {
    (secs + if secs >= 0 { 30 } else { -30 }) / 60
}

fn signed(min: i64) -> String {
    match min {
        0 => "±0分".into(),
        m if m > 0 => format!("+{m}分"),
        m => format!("−{}分", -m),
    }
}

fn blank_or(s: &str, other: &str) -> String {
    if s.trim().is_empty() {
        other.to_owned()
    } else {
        inline(s)
    }
}

fn attendees(s: &Session) -> String {
    if s.attendees.is_empty() {
        return "未記入".into();
    }
    s.attendees
        .iter()
        .map(|a| {
            if a.role.trim().is_empty() {
                a.name.trim().to_owned()
            } else {
                format!("{}（{}）", a.name.trim(), a.role.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn theme(catalog: &Catalog, no: usize) -> String {
    catalog
        .agenda(no as u8)
        .map(|a| a.theme.clone())
        .unwrap_or_default()
}

/// Actual start and end of a session: the first item started and the last ended.
fn actual_span(s: &Session) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let start = s.agenda.iter().filter_map(|i| i.started_at).min()?;
    let end = s
        .agenda
        .iter()
        .filter_map(|i| i.ended_at)
        .max()
        .or(s.completed_at)?;
    Some((start, end))
}

/// Actual minutes of the finished items and their planned minutes.
fn actual_totals(s: &Session, now: NaiveDateTime) -> (i64, i64) {
    s.agenda
        .iter()
        .filter(|i| item_state(i) == ItemState::Done)
        .map(|i| {
            (
                minutes(agenda::elapsed(i, now, None).num_seconds()),
                i64::from(i.minutes),
            )
        })
        .fold((0, 0), |(a, p), (x, y)| (a + x, p + y))
}

// ---------------------------------------------------------------------------
// Session report

pub fn session_report(catalog: &Catalog, client: &Client, no: usize, now: NaiveDateTime) -> String {
    let s = &client.sessions[no - 1];
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# 第{no}回 実施報告\n");
    let _ = writeln!(w, "- 企業名: {}", blank_or(&client.profile.name, "未記入"));
    let th = theme(catalog, no);
    if !th.is_empty() {
        let _ = writeln!(w, "- テーマ: {th}");
    }
    let _ = writeln!(w, "- 実施日: {}", date_opt(s.date));
    let planned = s
        .start
        .zip(crate::domain::window::fixed_end(s, now).map(|e| e.time()))
        .map(|(st, end)| format!("{}〜{}", hm(st), hm(end)));
    let actual = actual_span(s).map(|(a, b)| format!("{}〜{}", hm(a.time()), hm(b.time())));
    let time = match (planned, actual) {
        (Some(p), Some(a)) => format!("予定 {p} ／ 実績 {a}"),
        (Some(p), None) => format!("予定 {p}"),
        (None, Some(a)) => format!("実績 {a}"),
        (None, None) => "未定".into(),
    };
    let _ = writeln!(w, "- 時間: {time}");
    let _ = writeln!(
        w,
        "- 実施形態: {}",
        s.mode.map(|m| m.label()).unwrap_or("未定")
    );
    let _ = writeln!(w, "- 場所: {}", blank_or(&s.place, "未記入"));
    let _ = writeln!(w, "- 出席者: {}", attendees(s));
    let state = if s.completed_at.is_some() {
        "実施済み"
    } else if s.agenda.iter().any(|i| i.started_at.is_some()) {
        "実施中"
    } else {
        "未実施"
    };
    let _ = writeln!(w, "- 状況: {state}");
    let _ = writeln!(w, "- 次回予定: {}", date_opt(s.next_date));

    agenda_table(w, s, now);
    notes_sections(w, s);

    let _ = writeln!(w, "\n## 所感・報告事項\n");
    let _ = writeln!(
        w,
        "{}",
        if s.report.trim().is_empty() {
            "（未記入）"
        } else {
            s.report.trim()
        }
    );
    out
}

fn agenda_table(w: &mut String, s: &Session, now: NaiveDateTime) {
    let _ = writeln!(w, "\n## 議事次第（予定と実績）\n");
    if s.agenda.is_empty() {
        let _ = writeln!(w, "議事次第はありません。");
        return;
    }
    let starts = s.start.map(|st| agenda::planned_starts(st, &s.agenda));
    let _ = writeln!(
        w,
        "| No. | 項目 | 予定 | 予定時間 | 実績 | 実績時間 | 予定との差 |"
    );
    let _ = writeln!(w, "|---:|---|---|---:|---|---:|---:|");
    let mut overruns = Vec::new();
    for (i, item) in s.agenda.iter().enumerate() {
        let plan_span = starts
            .as_ref()
            .filter(|_| !item.skipped)
            .map(|v| {
                let b = v[i] + chrono::Duration::minutes(i64::from(item.minutes));
                format!("{}〜{}", hm(v[i]), hm(b))
            })
            .unwrap_or_else(|| "—".into());
        let (span, took, diff) = match item_state(item) {
            ItemState::Done => {
                let (a, b) = (item.started_at.unwrap_or(now), item.ended_at.unwrap_or(now));
                let m = minutes(agenda::elapsed(item, now, None).num_seconds());
                let d = m - i64::from(item.minutes);
                if d > 0 {
                    overruns.push(format!("{}（{}）", inline(&item.title), signed(d)));
                }
                let diff = if d > 0 {
                    format!("**{}**", signed(d))
                } else {
                    signed(d)
                };
                (
                    format!("{}〜{}", hm(a.time()), hm(b.time())),
                    format!("{m}分"),
                    diff,
                )
            }
            ItemState::Running => {
                let a = item.started_at.unwrap_or(now);
                (format!("{}〜", hm(a.time())), "実施中".into(), "—".into())
            }
            ItemState::Pending => ("—".into(), "—".into(), "—".into()),
            ItemState::Skipped => ("—".into(), "省略".into(), "—".into()),
        };
        let _ = writeln!(
            w,
            "| {} | {} | {} | {}分 | {} | {} | {} |",
            i + 1,
            cell(&item.title),
            plan_span,
            item.minutes,
            span,
            took,
            diff
        );
    }
    let (actual, planned_done) = actual_totals(s, now);
    let planned = agenda::planned_minutes(&s.agenda);
    let done = s
        .agenda
        .iter()
        .filter(|i| item_state(i) == ItemState::Done)
        .count();
    if done > 0 {
        let _ = writeln!(
            w,
            "| | **合計** | | **{planned}分** | | **{actual}分** | **{}** |",
            signed(actual - planned_done)
        );
    } else {
        let _ = writeln!(w, "| | **合計** | | **{planned}分** | | — | — |");
    }
    if !overruns.is_empty() {
        let _ = writeln!(w, "\n予定を超えた項目: {}", overruns.join("、"));
    }
}

/// Kinds in report order, with their headings.
const NOTE_SECTIONS: [(NoteKind, &str); 4] = [
    (NoteKind::Decision, "決定事項"),
    (NoteKind::Request, "依頼事項（企業へのお願い）"),
    (NoteKind::Issue, "課題・リスク"),
    (NoteKind::Note, "メモ"),
];

fn notes_sections(w: &mut String, s: &Session) {
    for (kind, heading) in NOTE_SECTIONS {
        let _ = writeln!(w, "\n## {heading}\n");
        let mut notes: Vec<_> = s.notes.iter().filter(|n| n.kind == kind).collect();
        notes.sort_by_key(|n| n.at);
        if notes.is_empty() {
            let _ = writeln!(w, "なし");
        }
        for n in notes {
            let item = n
                .item
                .as_deref()
                .map(|t| format!("［{}］", inline(t)))
                .unwrap_or_default();
            let _ = writeln!(w, "- {} {item}{}", hm(n.at.time()), inline(&n.text));
        }
    }
}

// ---------------------------------------------------------------------------
// Final report

pub fn final_report(catalog: &Catalog, client: &Client, now: NaiveDateTime) -> String {
    let mut out = String::new();
    let w = &mut out;
    let name = blank_or(&client.profile.name, "未記入");
    let _ = writeln!(w, "# 最終報告書\n");
    let _ = writeln!(w, "- 企業名: {name}");
    let _ = writeln!(w, "- 作成日: {}", date_jp(now.date()));
    let dates: Vec<NaiveDate> = client.sessions.iter().filter_map(|s| s.date).collect();
    if let (Some(a), Some(b)) = (dates.iter().min(), dates.iter().max()) {
        let _ = writeln!(
            w,
            "- 指導期間: {} 〜 {}（全{SESSIONS}回）",
            date_jp(*a),
            date_jp(*b)
        );
    }
    let _ = writeln!(
        w,
        "- SECURITY ACTION（現在の宣言）: {}",
        client.profile.security_action.label()
    );

    sessions_in_brief(w, catalog, client, now);
    deliverables(w, catalog, client);
    plan_summary(w, client);
    readiness_section(w, client);
    follow_up(w, catalog, client);
    out
}

fn sessions_in_brief(w: &mut String, catalog: &Catalog, client: &Client, now: NaiveDateTime) {
    let _ = writeln!(w, "\n## 1. 指導の経過\n");
    let _ = writeln!(
        w,
        "| 回 | 実施日 | 形態 | テーマ | 出席者 | 所要時間（予定） | 決定事項 | 依頼事項 |"
    );
    let _ = writeln!(w, "|---:|---|---|---|---|---|---:|---:|");
    for (i, s) in client.sessions.iter().enumerate() {
        let (actual, _) = actual_totals(s, now);
        let took = if actual > 0 {
            format!("{actual}分（{}分）", agenda::planned_minutes(&s.agenda))
        } else {
            format!("—（{}分）", agenda::planned_minutes(&s.agenda))
        };
        let count = |k: NoteKind| s.notes.iter().filter(|n| n.kind == k).count();
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {}名 | {} | {}件 | {}件 |",
            i + 1,
            date_opt(s.date),
            s.mode.map(|m| m.label()).unwrap_or("—"),
            cell(&theme(catalog, i + 1)),
            s.attendees.len(),
            took,
            count(NoteKind::Decision),
            count(NoteKind::Request)
        );
    }
    for (i, s) in client.sessions.iter().enumerate() {
        let _ = writeln!(w, "\n### 第{}回（{}）\n", i + 1, date_opt(s.date));
        if !s.report.trim().is_empty() {
            let _ = writeln!(w, "{}\n", s.report.trim());
        }
        let mut decisions: Vec<_> = s
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Decision)
            .collect();
        decisions.sort_by_key(|n| n.at);
        if decisions.is_empty() && s.report.trim().is_empty() {
            let _ = writeln!(w, "記録なし");
        }
        for n in decisions {
            let _ = writeln!(w, "- 決定: {}", inline(&n.text));
        }
    }
}

fn deliverables(w: &mut String, catalog: &Catalog, client: &Client) {
    let _ = writeln!(w, "\n## 2. 成果物\n");
    let _ = writeln!(w, "| 成果物 | ファイル | 状況 |");
    let _ = writeln!(w, "|---|---|---|");

    let rs = &client.diagnosis.respondents;
    let diag = if rs.is_empty() {
        "回答者なし".to_owned()
    } else {
        let scores: Vec<String> = rs
            .iter()
            .map(|r| {
                let sc = score(&r.answers);
                let (band, _) = diagnosis::band_label(catalog, sc.total);
                format!(
                    "{} {}点（{band}）",
                    diagnosis::respondent_label(r),
                    sc.total
                )
            })
            .collect();
        format!("回答者{}名: {}", rs.len(), scores.join("、"))
    };
    let _ = writeln!(
        w,
        "| 自社診断結果 | {} | {} |",
        diagnosis::FILE,
        cell(&diag)
    );

    let p = &client.policy;
    let mut pol = match p.enacted_on {
        Some(d) => format!("{}制定", date_jp(d)),
        None => "制定日未記入".to_owned(),
    };
    match (p.published_on, p.published_url.trim()) {
        (Some(d), "") => pol.push_str(&format!("、{}公開", date_jp(d))),
        (Some(d), url) => pol.push_str(&format!("、{}公開（{url}）", date_jp(d))),
        (None, _) => pol.push_str("、未公開"),
    }
    let _ = writeln!(
        w,
        "| 情報セキュリティ基本方針 | {} | {} |",
        policy::FILE,
        cell(&pol)
    );

    let mut counts = Vec::new();
    for st in RegulationStatus::ALL {
        let n = client
            .regulations
            .iter()
            .filter(|r| r.status == Some(st))
            .count();
        counts.push(format!("{} {n}件", st.label()));
    }
    let undecided = catalog
        .regulations
        .regulation
        .iter()
        .filter(|e| {
            !client
                .regulations
                .iter()
                .any(|r| r.no == e.no && r.status.is_some())
        })
        .count();
    if undecided > 0 {
        counts.push(format!("未選択 {undecided}件"));
    }
    let _ = writeln!(
        w,
        "| 関連規程類の点検結果（様式2） | {} | {} |",
        regulations::FILE,
        cell(&counts.join("、"))
    );

    let rows = &client.plan;
    let go = rows
        .iter()
        .filter(|r| r.feasibility == Some(Feasibility::Go))
        .count();
    let nogo = rows
        .iter()
        .filter(|r| r.feasibility == Some(Feasibility::NoGo))
        .count();
    let plan_text = format!(
        "{}件（実施可 {go}件、否 {nogo}件、未定 {}件）",
        rows.len(),
        rows.len() - go - nogo
    );
    let _ = writeln!(
        w,
        "| 情報セキュリティ対策実行計画書（様式3） | {} | {} |",
        plan::FILE,
        plan_text
    );

    let total = catalog.hearing_points().count();
    let answered = catalog
        .hearing_points()
        .filter(|(_, pt)| {
            client
                .hearing
                .iter()
                .any(|h| h.point == pt.id && !h.answer.trim().is_empty())
        })
        .count();
    let _ = writeln!(
        w,
        "| ヒアリングシート（様式1） | {} | {answered}/{total}項目記入 |",
        hearing::FILE
    );
}

fn plan_summary(w: &mut String, client: &Client) {
    let _ = writeln!(w, "\n## 3. 対策実行計画の概要\n");
    let rows = &client.plan;
    if rows.is_empty() {
        let _ = writeln!(w, "計画の行はまだありません。");
        return;
    }
    let _ = writeln!(w, "| 改善分野 | 件数 | うち実施可 |");
    let _ = writeln!(w, "|---|---:|---:|");
    for area in Area::ALL {
        let n = rows.iter().filter(|r| r.area == area).count();
        let go = rows
            .iter()
            .filter(|r| r.area == area && r.feasibility == Some(Feasibility::Go))
            .count();
        let _ = writeln!(w, "| {} | {n}件 | {go}件 |", area.label());
    }
    let _ = writeln!(w, "\n優先順位の高い順:\n");
    let _ = writeln!(
        w,
        "| 順位 | 改善分野 | 具体的改善対策 | 緊急度 | 重要度 | 難易度 | 実施可否 | 実施期限 |"
    );
    let _ = writeln!(w, "|---:|---|---|---|---|---|---|---|");
    let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("—");
    for (rank, i) in priority_order(rows).into_iter().enumerate() {
        let r = &rows[i];
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            rank + 1,
            r.area.label(),
            cell(&r.measure),
            lv(r.ratings.urgency),
            lv(r.ratings.importance),
            r.ratings.difficulty.map(Difficulty::label).unwrap_or("—"),
            r.feasibility.map(Feasibility::label).unwrap_or("未定"),
            r.deadline
                .map(|d| d.format("%Y/%m/%d").to_string())
                .unwrap_or_else(|| "—".into())
        );
    }
}

fn readiness_section(w: &mut String, client: &Client) {
    let _ = writeln!(w, "\n## 4. SECURITY ACTION ★★（二つ星）宣言の準備状況\n");
    let r = readiness(client);
    for c in &r.checks {
        match &c.missing {
            None => {
                let _ = writeln!(w, "- [x] {}", c.label);
            }
            Some(m) => {
                let _ = writeln!(w, "- [ ] {}（{}）", c.label, inline(m));
            }
        }
    }
    let _ = writeln!(
        w,
        "\n{}",
        if r.complete() {
            "★★ の要件はすべて満たしています。自己宣言の手続きに進めます。"
        } else {
            "★★ の宣言には、未了の要件を済ませる必要があります。"
        }
    );
}

fn follow_up(w: &mut String, catalog: &Catalog, client: &Client) {
    let _ = writeln!(w, "\n## 5. 今後の取組み（フォローアップの提案）\n");
    let mut n = 0;
    let mut item = |w: &mut String, text: String| {
        n += 1;
        let _ = writeln!(w, "{n}. {text}");
    };

    let mut go: Vec<_> = client
        .plan
        .iter()
        .filter(|r| r.feasibility == Some(Feasibility::Go))
        .collect();
    go.sort_by_key(|r| (r.deadline.is_none(), r.deadline));
    if !go.is_empty() {
        let first: Vec<String> = go
            .iter()
            .take(3)
            .map(|r| {
                let by = r
                    .deadline
                    .map(|d| format!("{}まで", d.format("%Y年%-m月%-d日")))
                    .unwrap_or_else(|| "期限未定".into());
                format!("「{}」（{by}）", inline(&r.measure))
            })
            .collect();
        item(
            w,
            format!(
                "実行計画で実施可とした{}件を期限の早い順に進める。まず {}。",
                go.len(),
                first.join("、")
            ),
        );
    }

    let r = readiness(client);
    let missing: Vec<String> = r
        .checks
        .iter()
        .filter_map(|c| {
            c.missing
                .as_ref()
                .map(|m| format!("{}（{}）", c.label, inline(m)))
        })
        .collect();
    if !missing.is_empty() {
        item(
            w,
            format!(
                "SECURITY ACTION ★★ の宣言に向けて、{} を済ませる。",
                missing.join("、")
            ),
        );
    } else if client.profile.security_action != crate::domain::model::SecurityActionLevel::TwoStars
    {
        item(
            w,
            "SECURITY ACTION ★★ の自己宣言を行い、宣言したことを社内外に示す。".into(),
        );
    }

    let regs: Vec<String> = catalog
        .regulations
        .regulation
        .iter()
        .filter(|e| {
            client.regulations.iter().any(|r| {
                r.no == e.no
                    && matches!(
                        r.status,
                        Some(RegulationStatus::Created | RegulationStatus::Revised)
                    )
            })
        })
        .map(|e| e.name.clone())
        .collect();
    if !regs.is_empty() {
        item(
            w,
            format!(
                "関連規程の作成・改定（{}）を計画どおりに進め、従業員に周知する。",
                regs.join("、")
            ),
        );
    }

    let dk = dont_know(&client.diagnosis.respondents);
    if !dk.is_empty() {
        let nos: Vec<String> = dk.iter().map(|(no, _)| format!("No.{no}")).collect();
        item(
            w,
            format!(
                "自社診断で「わからない」と回答された項目（{}）の実態を確かめ、ルールを周知する。",
                nos.join("、")
            ),
        );
    }

    let last = &client.sessions[SESSIONS - 1];
    let open: Vec<String> = last
        .notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::Request | NoteKind::Issue))
        .map(|n| inline(&n.text))
        .collect();
    if !open.is_empty() {
        item(
            w,
            format!(
                "第{SESSIONS}回で残った事項に対応する: {}。",
                open.join("／")
            ),
        );
    }

    let base = last.date.or(last.completed_at.map(|t| t.date()));
    let when = base
        .and_then(|d| d.checked_add_months(Months::new(12)))
        .map(|d| format!("{}頃", d.format("%Y年%-m月")))
        .unwrap_or_else(|| "1年後".into());
    item(
        w,
        format!(
            "{when}を目安に自社診断を再実施し、得点の変化と計画の進み具合を確かめて計画を見直す。"
        ),
    );
}
