//! `最終報告書`: the report after session 4 — the course of the guidance,
//! the deliverables, the plan, ★★ readiness, the follow-up proposed and the
//! expert's summary and evaluation.

use chrono::{Months, NaiveDate};

use super::{blank_or, date_jp, date_opt, expert_fields, held, inline, theme};
use crate::content::Catalog;
use crate::domain::diagnosis::{dont_know, score};
use crate::domain::minutes::session_minutes;
use crate::domain::model::{
    Area, Client, Difficulty, Feasibility, Level, NoteKind, RegulationStatus, SESSIONS,
    SecurityActionLevel,
};
use crate::domain::plan::priority_order;
use crate::domain::readiness::readiness;
use crate::export::Options;
use crate::export::doc::{Block, Doc, Table};
use crate::export::{diagnosis, hearing, plan, policy, regulations};

pub fn final_report(catalog: &Catalog, client: &Client, opts: &Options) -> Doc {
    let mut d = Doc::new("最終報告書");
    let mut f = vec![
        (
            "企業名".to_owned(),
            blank_or(&client.profile.name, "未記入"),
        ),
        ("作成日".to_owned(), date_jp(opts.now.date_naive())),
    ];
    let dates: Vec<NaiveDate> = client
        .sessions
        .iter()
        .filter(|s| held(s))
        .filter_map(|s| s.date)
        .collect();
    if let (Some(a), Some(b)) = (dates.iter().min(), dates.iter().max()) {
        f.push((
            "指導期間".into(),
            format!(
                "{} 〜 {}（全{SESSIONS}回中 {}回実施）",
                date_jp(*a),
                date_jp(*b),
                client.sessions.iter().filter(|s| held(s)).count()
            ),
        ));
    }
    f.push((
        "対象企業の判定".into(),
        crate::domain::eligibility::verdict(&client.profile, &catalog.eligibility).summary(),
    ));
    f.push((
        "SECURITY ACTION（現在の宣言）".into(),
        client.profile.security_action.label().into(),
    ));
    f.extend(expert_fields(&opts.expert));
    d.push(Block::Fields(f));

    sessions_in_brief(&mut d, catalog, client, opts);
    deliverables(&mut d, catalog, client);
    plan_summary(&mut d, client);
    readiness_section(&mut d, client);
    follow_up(&mut d, catalog, client);
    d.push(Block::Heading("6. 指導結果のまとめと評価".into()));
    d.push(Block::Para(if client.final_evaluation.trim().is_empty() {
        "（未記入）".into()
    } else {
        client.final_evaluation.trim().to_owned()
    }));
    d
}

fn sessions_in_brief(d: &mut Doc, catalog: &Catalog, client: &Client, opts: &Options) {
    d.push(Block::Heading("1. 指導の経過".into()));
    let mut rows = Vec::new();
    for (i, s) in client.sessions.iter().enumerate() {
        let m = session_minutes(s, opts.now);
        let took = match m.span_minutes() {
            Some(span) => format!("{span}分（予定 {}分）", m.planned_total),
            None => format!("—（予定 {}分）", m.planned_total),
        };
        let count = |k: NoteKind| s.notes.iter().filter(|n| n.kind == k).count();
        rows.push(vec![
            format!("{}", i + 1),
            if held(s) {
                date_opt(s.date)
            } else {
                format!("未実施（予定 {}）", date_opt(s.date))
            },
            s.mode.map(|m| m.label()).unwrap_or("—").into(),
            theme(catalog, i + 1),
            format!("{}名", s.attendees.len()),
            took,
            format!("{}件", count(NoteKind::Decision)),
            format!("{}件", count(NoteKind::Request)),
        ]);
    }
    d.push(Block::Table(Table {
        head: [
            "回",
            "実施日",
            "形態",
            "テーマ",
            "出席者",
            "所要時間",
            "決定事項",
            "依頼事項",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        widths: vec![0.5, 2.2, 1.0, 3.2, 0.9, 1.8, 1.0, 1.0],
        right: vec![true, false, false, false, true, false, true, true],
        total: false,
    }));
    for (i, s) in client.sessions.iter().enumerate().filter(|(_, s)| held(s)) {
        d.push(Block::SubHeading(format!(
            "第{}回（{}）",
            i + 1,
            date_opt(s.date)
        )));
        if !s.report.trim().is_empty() {
            d.push(Block::Para(s.report.trim().to_owned()));
        }
        let mut decisions: Vec<_> = s
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Decision)
            .collect();
        decisions.sort_by_key(|n| n.at);
        if decisions.is_empty() && s.report.trim().is_empty() {
            d.push(Block::Para("記録なし".into()));
        }
        if !decisions.is_empty() {
            d.push(Block::Bullets(
                decisions
                    .iter()
                    .map(|n| format!("決定: {}", n.text.trim()))
                    .collect(),
            ));
        }
    }
}

fn deliverables(d: &mut Doc, catalog: &Catalog, client: &Client) {
    d.push(Block::Heading("2. 成果物".into()));
    let mut rows = Vec::new();
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
    rows.push(vec!["自社診断結果".into(), diagnosis::FILE.into(), diag]);

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
    rows.push(vec![
        "情報セキュリティ基本方針".into(),
        format!("{}.pdf／.docx／.md", policy::STEM),
        pol,
    ]);

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
    rows.push(vec![
        "関連規程類の点検結果（様式2）".into(),
        regulations::FILE.into(),
        counts.join("、"),
    ]);

    let plan_rows = &client.plan;
    let go = plan_rows
        .iter()
        .filter(|r| r.feasibility == Some(Feasibility::Go))
        .count();
    let nogo = plan_rows
        .iter()
        .filter(|r| r.feasibility == Some(Feasibility::NoGo))
        .count();
    rows.push(vec![
        "情報セキュリティ対策実行計画書（様式3）".into(),
        plan::FILE.into(),
        format!(
            "{}件（実施可 {go}件、否 {nogo}件、未定 {}件）",
            plan_rows.len(),
            plan_rows.len() - go - nogo
        ),
    ]);

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
    rows.push(vec![
        "ヒアリングシート（様式1）".into(),
        hearing::FILE.into(),
        format!("{answered}/{total}項目記入"),
    ]);
    d.push(Block::Table(Table {
        head: ["成果物", "ファイル", "状況"].map(String::from).to_vec(),
        rows,
        widths: vec![2.6, 3.0, 4.6],
        right: vec![false; 3],
        total: false,
    }));
}

fn plan_summary(d: &mut Doc, client: &Client) {
    d.push(Block::Heading("3. 対策実行計画の概要".into()));
    let rows = &client.plan;
    if rows.is_empty() {
        d.push(Block::Para("計画の行はまだありません。".into()));
        return;
    }
    let by_area = Area::ALL
        .iter()
        .map(|area| {
            let n = rows.iter().filter(|r| r.area == *area).count();
            let go = rows
                .iter()
                .filter(|r| r.area == *area && r.feasibility == Some(Feasibility::Go))
                .count();
            vec![area.label().into(), format!("{n}件"), format!("{go}件")]
        })
        .collect();
    d.push(Block::Table(Table {
        head: ["改善分野", "件数", "うち実施可"]
            .map(String::from)
            .to_vec(),
        rows: by_area,
        widths: vec![2.0, 1.0, 1.0],
        right: vec![false, true, true],
        total: false,
    }));
    d.push(Block::Para("優先順位の高い順:".into()));
    let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("—");
    let ranked = priority_order(rows)
        .into_iter()
        .enumerate()
        .map(|(rank, i)| {
            let r = &rows[i];
            vec![
                (rank + 1).to_string(),
                r.area.label().into(),
                r.measure.trim().to_owned(),
                lv(r.ratings.urgency).into(),
                lv(r.ratings.importance).into(),
                r.ratings
                    .difficulty
                    .map(Difficulty::label)
                    .unwrap_or("—")
                    .into(),
                r.feasibility
                    .map(Feasibility::label)
                    .unwrap_or("未定")
                    .into(),
                r.deadline
                    .map(|d| d.format("%Y/%m/%d").to_string())
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    d.push(Block::Table(Table {
        head: [
            "順位",
            "改善分野",
            "具体的改善対策",
            "緊急度",
            "重要度",
            "難易度",
            "実施可否",
            "実施期限",
        ]
        .map(String::from)
        .to_vec(),
        rows: ranked,
        widths: vec![0.6, 1.4, 5.0, 0.8, 0.8, 0.8, 0.9, 1.5],
        right: vec![true, false, false, false, false, false, false, false],
        total: false,
    }));
}

fn readiness_section(d: &mut Doc, client: &Client) {
    d.push(Block::Heading(
        "4. SECURITY ACTION ★★（二つ星）宣言の準備状況".into(),
    ));
    let r = readiness(client);
    d.push(Block::Checks(
        r.checks
            .iter()
            .map(|c| match &c.missing {
                None => (true, c.label.to_string()),
                Some(m) => (false, format!("{}（{}）", c.label, inline(m))),
            })
            .collect(),
    ));
    d.push(Block::Para(
        if r.complete() {
            "★★ の要件はすべて満たしています。自己宣言の手続きに進めます。"
        } else {
            "★★ の宣言には、未了の要件を済ませる必要があります。"
        }
        .into(),
    ));
}

fn follow_up(d: &mut Doc, catalog: &Catalog, client: &Client) {
    d.push(Block::Heading(
        "5. 今後の取組み（フォローアップの提案）".into(),
    ));
    let mut items = Vec::new();

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
        items.push(format!(
            "実行計画で実施可とした{}件を期限の早い順に進める。まず {}。",
            go.len(),
            first.join("、")
        ));
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
        items.push(format!(
            "SECURITY ACTION ★★ の宣言に向けて、{} を済ませる。",
            missing.join("、")
        ));
    } else if client.profile.security_action != SecurityActionLevel::TwoStars {
        items.push("SECURITY ACTION ★★ の自己宣言を行い、宣言したことを社内外に示す。".into());
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
        items.push(format!(
            "関連規程の作成・改定（{}）を計画どおりに進め、従業員に周知する。",
            regs.join("、")
        ));
    }

    let dk = dont_know(&client.diagnosis.respondents);
    if !dk.is_empty() {
        let nos: Vec<String> = dk.iter().map(|(no, _)| format!("No.{no}")).collect();
        items.push(format!(
            "自社診断で「わからない」と回答された項目（{}）の実態を確かめ、ルールを周知する。",
            nos.join("、")
        ));
    }

    let last = &client.sessions[SESSIONS - 1];
    let open: Vec<String> = last
        .notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::Request | NoteKind::Issue))
        .map(|n| inline(&n.text))
        .collect();
    if !open.is_empty() {
        items.push(format!(
            "第{SESSIONS}回で残った事項に対応する: {}。",
            open.join("／")
        ));
    }

    let base = last.date.or(last.completed_at.map(|t| t.date_naive()));
    let when = base
        .and_then(|d| d.checked_add_months(Months::new(12)))
        .map(|d| format!("{}頃", d.format("%Y年%-m月")))
        .unwrap_or_else(|| "1年後".into());
    items.push(format!(
        "{when}を目安に自社診断を再実施し、得点の変化と計画の進み具合を確かめて計画を見直す。"
    ));
    d.push(Block::Numbered(items));
}
