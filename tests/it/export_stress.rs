//! The export of a stress client (500-character cells, 10 respondents, two
//! of the same name, 60 plan rows) and of an empty client: every file is
//! written and read back, nothing entered is lost, no row is taller than
//! Excel allows. With `BANSOU_KEEP_EXPORT=DIR` the files are also kept in
//! DIR/stress and DIR/empty, to be looked at.

use bansou::domain::model::Stamp;
use std::collections::BTreeMap;
use std::io::Cursor;

use bansou::config::Expert;
use bansou::content::Catalog;
use bansou::domain::model::{Answer, Area, Client, PlanRow, Respondent, Role};
use bansou::domain::promote::review_mut;
use bansou::export::{self, Options};
use bansou::sample::{self, SAMPLE_NAME};
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use chrono::{Duration, NaiveDate};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn now() -> Stamp {
    today()
        .and_hms_opt(18, 0, 0)
        .map(bansou::domain::clock::jst)
        .unwrap()
}

/// `n` characters of Japanese prose with punctuation and brackets.
pub fn long(tag: &str, n: usize) -> String {
    let unit = "社内の「重要情報」は、担当者（兼務）が管理しているが、手順は文書化されていない。";
    let mut s = format!("【{tag}】");
    while s.chars().count() < n {
        s.push_str(unit);
    }
    s.chars().take(n).collect()
}

pub fn stress_client(catalog: &Catalog) -> Client {
    let mut c = catalog.new_client("stress", SAMPLE_NAME, now() - Duration::days(30));
    sample::fill(&mut c, catalog, today());
    for h in &mut c.hearing {
        h.answer = long(&format!("回答{}", h.point), 500);
        h.consider = long(&format!("考慮{}", h.point), 500);
    }
    for r in &mut c.regulations {
        r.comment = long(&format!("規程{}", r.no), 500);
    }
    let roles = [Role::Owner, Role::Manager, Role::Employee];
    c.diagnosis.respondents = (0..10)
        .map(|i| {
            let mut r = Respondent {
                name: if i < 2 {
                    "鈴木 一郎".into()
                } else {
                    format!("回答者{i:02}")
                },
                role: roles[i % 3],
                ..Respondent::default()
            };
            for (q, a) in r.answers.iter_mut().enumerate() {
                *a = Answer::CHOICES[(q + i) % 4];
            }
            r
        })
        .collect();
    for no in 1..=25u8 {
        review_mut(&mut c.diagnosis, no).notes = long(&format!("Q{no}メモ"), 500);
    }
    c.plan = (0..60)
        .map(|i| PlanRow {
            area: Area::ALL[i % 4],
            current: long(&format!("現状{i}"), 500),
            measure: long(&format!("対策{i}"), 500),
            concerns: long(&format!("懸念{i}"), 500),
            ..PlanRow::default()
        })
        .collect();
    // Sessions 3 and 4 held as planned: the final report is due.
    for no in [3usize, 4] {
        let s = &mut c.sessions[no - 1];
        let mut t = bansou::domain::clock::jst(s.date.unwrap().and_time(s.start.unwrap()));
        for item in s.agenda.iter_mut() {
            item.started_at = Some(t);
            t += Duration::minutes(i64::from(item.minutes) + 1);
            item.ended_at = Some(t);
        }
        s.completed_at = Some(t);
        s.report = long(&format!("所感{no}"), 500);
    }
    c.sessions[0].report = long("所感1", 500);
    c.final_evaluation = long("評価", 500);
    c
}

fn empty_client(catalog: &Catalog) -> Client {
    catalog.new_client("empty", "空の会社", now() - Duration::days(1))
}

fn opts() -> Options {
    let mut o = Options::at(now());
    o.expert = Expert {
        name: "佐藤 花子".into(),
        registration: "第012345号".into(),
        ..Expert::default()
    };
    o
}

fn export(catalog: &Catalog, c: &Client, keep: &str) -> BTreeMap<String, Vec<u8>> {
    let set = export::documents(catalog, c, &opts()).unwrap();
    if let Some(dir) = std::env::var_os("BANSOU_KEEP_EXPORT") {
        let dir = std::path::Path::new(&dir).join(keep);
        std::fs::create_dir_all(&dir).unwrap();
        for d in &set.docs {
            std::fs::write(dir.join(&d.name), &d.bytes).unwrap();
        }
    }
    set.docs.into_iter().map(|d| (d.name, d.bytes)).collect()
}

/// The text of every sheet column by column (a text continued on the next
/// rows reads back whole), the tallest row, and the cells whose text needs
/// more height than their row has (text hidden).
fn workbook_text(bytes: &[u8]) -> (String, f64, Vec<String>) {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut all = String::new();
    let mut hidden = Vec::new();
    let mut tallest = 0.0f64;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    for (k, name) in wb.sheet_names().into_iter().enumerate() {
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip
                .by_name(&format!("xl/worksheets/sheet{}.xml", k + 1))
                .unwrap(),
            &mut xml,
        )
        .unwrap();
        let attr = |tag: &str, a: &str| -> Option<String> {
            format!(" {tag}")
                .split(&format!(" {a}=\""))
                .nth(1)?
                .split('"')
                .next()
                .map(str::to_owned)
        };
        let mut widths = std::collections::HashMap::new();
        for tag in xml.split("<col ").skip(1) {
            let (min, max, w): (u32, u32, f64) = (
                attr(tag, "min").unwrap().parse().unwrap(),
                attr(tag, "max").unwrap().parse().unwrap(),
                attr(tag, "width").unwrap().parse().unwrap(),
            );
            for c in min..=max {
                // The file stores the width plus the cell padding.
                widths.insert(c - 1, w - 0.625);
            }
        }
        let mut heights = std::collections::HashMap::new();
        for tag in xml.split("<row ").skip(1) {
            let r: u32 = attr(tag, "r").unwrap().parse().unwrap();
            if let Some(h) = attr(tag, "ht") {
                let h: f64 = h.parse().unwrap();
                tallest = tallest.max(h);
                heights.insert(r - 1, h);
            }
        }
        let mut merges = Vec::new();
        for tag in xml.split("<mergeCell ").skip(1) {
            let r = attr(tag, "ref").unwrap();
            let (a, b) = r.split_once(':').unwrap();
            let pos = |s: &str| {
                let (col, row) = s.split_at(s.find(|c: char| c.is_ascii_digit()).unwrap());
                let c = col
                    .bytes()
                    .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
                    - 1;
                (row.parse::<u32>().unwrap() - 1, c)
            };
            merges.push((pos(a), pos(b)));
        }
        let r = wb.worksheet_range(&name).unwrap();
        let filled: std::collections::HashMap<u32, usize> =
            r.used_cells()
                .fold(Default::default(), |mut m, (row, _, _)| {
                    *m.entry(row as u32).or_default() += 1;
                    m
                });
        let mut columns: std::collections::BTreeMap<usize, String> = Default::default();
        for (row, col, v) in r.used_cells() {
            let text = v.to_string();
            columns.entry(col).or_default().push_str(&text);
            // Numbers show formatted; a lone cell on its row (a heading)
            // runs on into the empty cells beside it.
            if !matches!(v, calamine::Data::String(_)) || filled[&(row as u32)] == 1 {
                continue;
            }
            let (row, col) = (
                row as u32 + r.start().unwrap().0,
                col as u32 + r.start().unwrap().1,
            );
            let ((r1, c1), (r2, c2)) = merges
                .iter()
                .copied()
                .find(|((r1, c1), (r2, c2))| {
                    (*r1..=*r2).contains(&row) && (*c1..=*c2).contains(&col)
                })
                .unwrap_or(((row, col), (row, col)));
            let width: f64 = (c1..=c2)
                .map(|c| widths.get(&c).copied().unwrap_or(8.43))
                .sum();
            let have: f64 = (r1..=r2)
                .map(|r| heights.get(&r).copied().unwrap_or(18.75))
                .sum();
            let need = bansou::export::xlsx::height(&[(text.as_str(), width)]);
            // One line always shows; more must have the room.
            if need > have + 0.5 && need > bansou::export::xlsx::lines_height(1) && r1 == r2 {
                hidden.push(format!("{name}!{row}:{col} needs {need} pt, has {have}"));
            }
        }
        for c in columns.values() {
            all.push_str(c);
            all.push('\n');
        }
    }
    (all, tallest, hidden)
}

#[test]
fn the_stress_client_exports_whole_and_within_excel_limits() {
    let catalog = Catalog::builtin().unwrap();
    let c = stress_client(&catalog);
    let d = export(&catalog, &c, "stress");
    for (name, bytes) in &d {
        if !name.ends_with(".xlsx") {
            continue;
        }
        let (_, tallest, hidden) = workbook_text(bytes);
        assert!(tallest <= 409.0, "{name}: a row of {tallest} pt");
        assert!(hidden.is_empty(), "{name}: text hidden: {hidden:?}");
    }
    // Every long text is there, whole.
    let (hearing, _, _) = workbook_text(&d["様式1_ヒアリングシート.xlsx"]);
    let flat = |s: &str| s.to_owned();
    // A long text continued on the next rows reads back whole.
    for h in &c.hearing {
        assert!(flat(&hearing).contains(&h.answer), "{}", h.point);
    }
    let (regs, _, _) = workbook_text(&d["様式2_関連規程類の点検結果.xlsx"]);
    for r in &c.regulations {
        assert!(flat(&regs).contains(&r.comment), "regulation {}", r.no);
    }
    let (plan, _, _) = workbook_text(&d["様式3_情報セキュリティ対策実行計画書.xlsx"]);
    for r in &c.plan {
        assert!(
            flat(&plan).contains(&r.measure),
            "{}",
            r.measure.chars().take(6).collect::<String>()
        );
    }
    let (diag, _, _) = workbook_text(&d["自社診断結果.xlsx"]);
    for no in 1..=25u8 {
        let notes = &c.diagnosis.items.iter().find(|i| i.no == no).unwrap().notes;
        assert!(flat(&diag).contains(notes.as_str()), "Q{no} notes");
    }
    let report = String::from_utf8(d["第1回_実施報告.md"].clone()).unwrap();
    assert!(report.contains(&c.sessions[0].report));
    let last = String::from_utf8(d["最終報告書.md"].clone()).unwrap();
    assert!(last.contains(&c.final_evaluation));
    // The PDFs need a Japanese font: CI always has one (.ci/run installs
    // it); elsewhere their absence is the documented fallback.
    if bansou::export::font::find(None, 0).is_ok() || std::env::var_os("CI").is_some() {
        for f in [
            "第4回_実施報告.pdf",
            "最終報告書.pdf",
            "情報セキュリティ基本方針.pdf",
        ] {
            assert!(d[f].starts_with(b"%PDF-"), "{f}");
        }
    }
}

#[test]
fn an_empty_client_still_gets_every_form() {
    let catalog = Catalog::builtin().unwrap();
    let c = empty_client(&catalog);
    let d = export(&catalog, &c, "empty");
    for f in [
        "様式1_ヒアリングシート.xlsx",
        "様式2_関連規程類の点検結果.xlsx",
        "様式3_情報セキュリティ対策実行計画書.xlsx",
        "自社診断結果.xlsx",
        "情報セキュリティ基本方針.md",
        "情報セキュリティ基本方針.docx",
    ] {
        assert!(d.contains_key(f), "{f}");
    }
    // No session held: no report.
    assert!(!d.keys().any(|n| n.contains("報告")), "{:?}", d.keys());
    let policy = String::from_utf8(d["情報セキュリティ基本方針.md"].clone()).unwrap();
    assert!(policy.contains("空の会社"));
}
