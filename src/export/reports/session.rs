//! `第N回_実施報告`: one session's report to the programme office.

use crate::domain::model::Stamp;
use chrono::Duration;

use super::{
    attendees, blank_or, date_jp, date_opt, expert_fields, held, hm, inline, signed, theme,
};
use crate::content::Catalog;
use crate::domain::agenda::{self, ItemState, item_state};
use crate::domain::minutes::session_minutes;
use crate::domain::model::{Client, NoteKind, Session};
use crate::export::Options;
use crate::export::doc::{Block, Doc, Table};

/// Kinds in report order, with their headings.
const NOTE_SECTIONS: [(NoteKind, &str); 4] = [
    (NoteKind::Decision, "決定事項"),
    (NoteKind::Request, "依頼事項（企業へのお願い）"),
    (NoteKind::Issue, "課題・リスク"),
    (NoteKind::Note, "メモ"),
];

pub fn session_report(catalog: &Catalog, client: &Client, no: usize, opts: &Options) -> Doc {
    let s = &client.sessions[no - 1];
    let now = opts.now;
    let m = session_minutes(s, now);
    let mut d = Doc::new(format!("第{no}回 実施報告"));

    let mut f: Vec<(String, String)> =
        vec![("企業名".into(), blank_or(&client.profile.name, "未記入"))];
    let th = theme(catalog, no);
    if !th.is_empty() {
        f.push(("テーマ".into(), th));
    }
    f.push(("実施日".into(), date_opt(s.date)));
    // The window to the fixed end (終了予定), as the session screen shows it.
    let planned = crate::domain::window::span_label(s);
    let actual = m.span.map(|(a, b)| {
        let mut t = format!(
            "{}〜{}（{}分",
            hm(a.time()),
            hm(b.time()),
            m.span_minutes().unwrap_or(0)
        );
        if m.outside_items > 0 {
            t.push_str(&format!(
                "。うち各項目 {}分、一時停止・項目の間 {}分",
                m.actual_total, m.outside_items
            ));
        }
        t.push('）');
        t
    });
    let time = match (planned, actual) {
        (Some(p), Some(a)) => format!("予定 {p} ／ 実績 {a}"),
        (Some(p), None) => format!("予定 {p}"),
        (None, Some(a)) => format!("実績 {a}"),
        (None, None) => "未定".into(),
    };
    f.push(("時間".into(), time));
    f.push((
        "実施形態".into(),
        s.mode.map(|m| m.label()).unwrap_or("未定").into(),
    ));
    f.push(("場所".into(), blank_or(&s.place, "未記入")));
    f.push(("出席者".into(), attendees(s)));
    let state = if s.completed_at.is_some() {
        "実施済み"
    } else if held(s) {
        "実施中"
    } else {
        "未実施（予定）"
    };
    f.push(("状況".into(), state.into()));
    f.push(("次回予定".into(), date_opt(s.next_date)));
    f.push(("作成日".into(), date_jp(now.date_naive())));
    f.extend(expert_fields(&opts.expert));
    d.push(Block::Fields(f));

    agenda_table(&mut d, s, now);
    notes_sections(&mut d, s);
    prep_section(&mut d, s);

    d.push(Block::Heading("所感・報告事項".into()));
    d.push(Block::Para(if s.report.trim().is_empty() {
        "（未記入）".into()
    } else {
        s.report.trim().to_owned()
    }));
    d
}

fn agenda_table(d: &mut Doc, s: &Session, now: Stamp) {
    d.push(Block::Heading("議事次第（予定と実績）".into()));
    if s.agenda.is_empty() {
        d.push(Block::Para("議事次第はありません。".into()));
        return;
    }
    let m = session_minutes(s, now);
    let starts = s.start.map(|st| agenda::planned_starts(st, &s.agenda));
    let mut rows = Vec::new();
    let mut overruns = Vec::new();
    for (i, item) in s.agenda.iter().enumerate() {
        let plan_span = starts
            .as_ref()
            .filter(|_| !item.skipped)
            .map(|v| {
                let b = v[i] + Duration::minutes(i64::from(item.minutes));
                format!("{}〜{}", hm(v[i]), hm(b))
            })
            .unwrap_or_else(|| "—".into());
        let (span, took, diff) = match (item_state(item), m.actual[i]) {
            (ItemState::Done, Some(took)) => {
                let (a, b) = (item.started_at.unwrap_or(now), item.ended_at.unwrap_or(now));
                let diff = took - i64::from(item.minutes);
                if diff > 0 {
                    overruns.push(format!("{}（{}）", inline(&item.title), signed(diff)));
                }
                (
                    format!("{}〜{}", hm(a.time()), hm(b.time())),
                    format!("{took}分"),
                    signed(diff),
                )
            }
            (ItemState::Running, _) => {
                let a = item.started_at.unwrap_or(now);
                (format!("{}〜", hm(a.time())), "実施中".into(), "—".into())
            }
            (ItemState::Skipped, _) => ("—".into(), "省略".into(), "—".into()),
            _ => ("—".into(), "—".into(), "—".into()),
        };
        rows.push(vec![
            (i + 1).to_string(),
            item.title.clone(),
            plan_span,
            format!("{}分", item.minutes),
            span,
            took,
            diff,
        ]);
    }
    let done = m.actual.iter().any(Option::is_some);
    rows.push(vec![
        String::new(),
        "合計".into(),
        String::new(),
        format!("{}分", m.planned_total),
        String::new(),
        if done {
            format!("{}分", m.actual_total)
        } else {
            "—".into()
        },
        if done && m.planned_done != m.planned_total {
            format!(
                "{}（実施した項目の予定 {}分に対して）",
                signed(m.difference()),
                m.planned_done
            )
        } else if done {
            signed(m.difference())
        } else {
            "—".into()
        },
    ]);
    d.push(Block::Table(Table {
        head: [
            "No.",
            "項目",
            "予定",
            "予定時間",
            "実績",
            "実績時間",
            "予定との差",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        widths: vec![0.6, 4.4, 1.8, 1.2, 1.8, 1.2, 1.4],
        right: vec![true, false, false, true, false, true, true],
        total: true,
    }));
    if !overruns.is_empty() {
        d.push(Block::Para(format!(
            "予定を超えた項目: {}",
            overruns.join("、")
        )));
    }
}

fn notes_sections(d: &mut Doc, s: &Session) {
    for (kind, heading) in NOTE_SECTIONS {
        d.push(Block::Heading(heading.into()));
        let mut notes: Vec<_> = s.notes.iter().filter(|n| n.kind == kind).collect();
        notes.sort_by_key(|n| n.at);
        if notes.is_empty() {
            d.push(Block::Para("なし".into()));
            continue;
        }
        d.push(Block::Bullets(
            notes
                .iter()
                .map(|n| {
                    let item = n
                        .item
                        .as_deref()
                        .map(|t| format!("［{}］", inline(t)))
                        .unwrap_or_default();
                    format!("{} {item}{}", hm(n.at.time()), n.text.trim())
                })
                .collect(),
        ));
    }
}

fn prep_section(d: &mut Doc, s: &Session) {
    if s.prep.is_empty() {
        return;
    }
    d.push(Block::Heading("事前準備".into()));
    d.push(Block::Checks(
        s.prep
            .iter()
            .map(|p| (p.done, format!("［{}］{}", p.side.label(), p.text.trim())))
            .collect(),
    ));
}
