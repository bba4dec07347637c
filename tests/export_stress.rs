//! The export of a stress client (500-character cells, 10 respondents, two
//! of the same name, 60 plan rows) and of an empty client: every file is
//! written and read back, nothing entered is lost, no row is taller than
//! Excel allows. With `BANSOU_KEEP_EXPORT=DIR` the files are also kept in
//! DIR/stress and DIR/empty, to be looked at.

use std::collections::BTreeMap;
use std::io::Cursor;

use bansou::config::Expert;
use bansou::content::Catalog;
use bansou::domain::model::{Answer, Area, Client, PlanRow, Respondent, Role};
use bansou::domain::promote::review_mut;
use bansou::export::{self, Options};
use bansou::sample::{self, SAMPLE_NAME};
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use chrono::{Duration, NaiveDate, NaiveDateTime};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(18, 0, 0).unwrap()
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

/// Every string cell of every sheet of a workbook, and the tallest row.
fn workbook_text(bytes: &[u8]) -> (String, f64) {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut all = String::new();
    for name in wb.sheet_names() {
        let r = wb.worksheet_range(&name).unwrap();
        for c in r.used_cells() {
            all.push_str(&c.2.to_string());
            all.push('\n');
        }
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut tallest = 0.0f64;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if !f.name().unwrap().starts_with("xl/worksheets/sheet") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        for part in xml.split(" ht=\"").skip(1) {
            let h: f64 = part.split('"').next().unwrap().parse().unwrap();
            tallest = tallest.max(h);
        }
    }
    (all, tallest)
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
        let (_, tallest) = workbook_text(bytes);
        assert!(tallest <= 409.0, "{name}: a row of {tallest} pt");
    }
    // Every long text is there, whole.
    let (hearing, _) = workbook_text(&d["様式1_ヒアリングシート.xlsx"]);
    let flat = |s: &str| s.replace('\n', "");
    for h in &c.hearing {
        assert!(flat(&hearing).contains(&h.answer), "{}", h.point);
    }
    let (regs, _) = workbook_text(&d["様式2_関連規程類の点検結果.xlsx"]);
    for r in &c.regulations {
        assert!(flat(&regs).contains(&r.comment), "regulation {}", r.no);
    }
    let (plan, _) = workbook_text(&d["様式3_情報セキュリティ対策実行計画書.xlsx"]);
    for r in &c.plan {
        assert!(flat(&plan).contains(&r.measure), "{}", &r.measure[..12]);
    }
    let (diag, _) = workbook_text(&d["自社診断結果.xlsx"]);
    for no in 1..=25u8 {
        let notes = &c.diagnosis.items.iter().find(|i| i.no == no).unwrap().notes;
        assert!(flat(&diag).contains(notes.as_str()), "Q{no} notes");
    }
    let report = String::from_utf8(d["第1回_実施報告.md"].clone()).unwrap();
    assert!(report.contains(&c.sessions[0].report));
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
