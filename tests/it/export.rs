//! Deliverables export: every workbook read back with calamine and checked
//! against the domain, the pull-downs and the chart found in the xlsx XML,
//! snapshots of the Markdown files, and the temp-folder-and-rename set.

use bansou::domain::model::Stamp;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use bansou::content::Catalog;
use bansou::domain::diagnosis::{GAP_THRESHOLD, dont_know, gaps, score};
use bansou::domain::model::{
    AgendaItem, Area, Client, Difficulty, Feasibility, Level, Note, NoteKind, RegulationStatus,
};
use bansou::domain::plan::priority_order;
use bansou::export::{
    self, Document, Options, diagnosis, doc, hearing, plan, regulations, reports,
};
use bansou::sample::{self, SAMPLE_NAME};
use bansou::store::Store;
use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook_from_rs};
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

fn sample_client() -> (Catalog, Client) {
    let catalog = Catalog::builtin().unwrap();
    let mut c = catalog.new_client("demo", SAMPLE_NAME, now() - Duration::days(30));
    sample::fill(&mut c, &catalog, today());
    (catalog, c)
}

/// The sample with sessions 3 and 4 held as planned, notes taken and the
/// policy published: the final report is due.
fn finished_client() -> (Catalog, Client) {
    let (catalog, mut c) = sample_client();
    for no in [3usize, 4] {
        let s = &mut c.sessions[no - 1];
        let date = s.date.unwrap();
        let mut t = bansou::domain::clock::jst(date.and_time(s.start.unwrap()));
        for (i, item) in s.agenda.iter_mut().enumerate() {
            item.started_at = Some(t);
            // Every third item runs three minutes over.
            let extra = if i % 3 == 0 { 3 } else { 0 };
            t += Duration::minutes(i64::from(item.minutes) + extra);
            item.ended_at = Some(t);
        }
        s.completed_at = Some(t);
        let first = s.agenda[0].clone();
        let at = |m| first.started_at.unwrap() + Duration::minutes(m);
        s.notes = vec![
            note(
                at(5),
                NoteKind::Decision,
                &format!("第{no}回の決定事項"),
                &first,
            ),
            note(
                at(7),
                NoteKind::Request,
                &format!("第{no}回の依頼事項"),
                &first,
            ),
            note(at(8), NoteKind::Issue, "保守業者の見積りが未着", &first),
        ];
        s.report = format!("第{no}回は予定どおりに進行した。");
    }
    c.policy.published_on = c.sessions[3].date;
    c.policy.published_url = "https://www.sakura-seiko.example.jp/security".into();
    (catalog, c)
}

fn note(at: Stamp, kind: NoteKind, text: &str, item: &AgendaItem) -> Note {
    Note {
        at,
        kind,
        text: text.into(),
        item: Some(item.title.clone()),
        carried: false,
    }
}

fn docs(catalog: &Catalog, client: &Client) -> BTreeMap<String, Vec<u8>> {
    export::documents(catalog, client, &Options::at(now()))
        .unwrap()
        .docs
        .into_iter()
        .map(|Document { name, bytes }| (name, bytes))
        .collect()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

fn text(r: &Range<Data>, row: u32, col: u16) -> String {
    r.get_value((row, u32::from(col)))
        .and_then(|d| d.as_string())
        .unwrap_or_default()
}

fn num(r: &Range<Data>, row: u32, col: u16) -> Option<f64> {
    r.get_value((row, u32::from(col))).and_then(|d| d.as_f64())
}

/// A date cell as a calendar date (Excel serial counted from 1899-12-30).
fn date(r: &Range<Data>, row: u32, col: u16) -> Option<NaiveDate> {
    let serial = r
        .get_value((row, u32::from(col)))
        .and_then(|d| d.get_datetime())?
        .as_f64();
    NaiveDate::from_ymd_opt(1899, 12, 30).map(|d| d + Duration::days(serial as i64))
}

/// Text of one part of the xlsx package.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn part_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn the_set_has_every_file_with_its_official_name() {
    let (catalog, client) = sample_client();
    let names: Vec<String> = docs(&catalog, &client).into_keys().collect();
    for f in [
        "様式1_ヒアリングシート.xlsx",
        "様式2_関連規程類の点検結果.xlsx",
        "様式3_情報セキュリティ対策実行計画書.xlsx",
        "自社診断結果.xlsx",
        "情報セキュリティ基本方針.md",
        "第1回_実施報告.md",
        "第2回_実施報告.md",
    ] {
        assert!(names.iter().any(|n| n == f), "{f} missing from {names:?}");
    }
    // The sample's session 4 is not done yet: no final report.
    assert!(!names.iter().any(|n| n == "最終報告書.md"));
    let (catalog, done) = finished_client();
    assert!(docs(&catalog, &done).contains_key("最終報告書.md"));
}

#[test]
fn session_reports_only_for_sessions_held_and_planned_ones_on_request() {
    let (catalog, mut client) = sample_client();
    client.sessions[3].notes.push(Note {
        at: now(),
        kind: NoteKind::Note,
        text: "事前メモ".into(),
        item: None,
        carried: false,
    });
    let names: Vec<String> = docs(&catalog, &client).into_keys().collect();
    assert!(names.contains(&"第1回_実施報告.md".to_owned()));
    assert!(names.contains(&"第2回_実施報告.md".to_owned()));
    // Sessions 3 and 4 have a date (and 4 a note) but were not held.
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("第3回") || n.starts_with("第4回"))
    );
    let mut opts = Options::at(now());
    opts.with_planned = true;
    let set = export::documents(&catalog, &client, &opts).unwrap();
    let planned = set
        .docs
        .iter()
        .find(|d| d.name == "第3回_実施報告.md")
        .unwrap();
    assert!(String::from_utf8_lossy(&planned.bytes).contains("状況: 未実施（予定）"));
    // A started session counts as held.
    client.sessions[2].agenda[0].started_at = Some(now());
    assert!(docs(&catalog, &client).contains_key("第3回_実施報告.md"));
}

#[test]
fn title_block_names_the_form_the_client_and_the_export_date() {
    let (catalog, client) = sample_client();
    let d = docs(&catalog, &client);
    for (file, sheet, title) in [
        (hearing::FILE, hearing::SHEET, hearing::TITLE),
        (regulations::FILE, regulations::SHEET, regulations::TITLE),
        (plan::FILE, plan::SHEET, plan::TITLE),
        (diagnosis::FILE, diagnosis::SUMMARY_SHEET, diagnosis::TITLE),
    ] {
        let r = open(&d[file]).worksheet_range(sheet).unwrap();
        assert!(text(&r, 0, 0).starts_with(title), "{file}");
        assert_eq!(text(&r, 1, 0), format!("企業名：{SAMPLE_NAME}"), "{file}");
        let dated = (0..12)
            .map(|c| text(&r, 1, c))
            .any(|t| t == "作成日：2026年11月21日");
        assert!(dated, "{file}: export date missing");
    }
    // The diagnosis names the IPA tool its answers come from.
    let r = open(&d[diagnosis::FILE])
        .worksheet_range(diagnosis::SUMMARY_SHEET)
        .unwrap();
    assert!(text(&r, 0, 0).contains("「5分でできる！情報セキュリティ自社診断」"));
}

#[test]
fn hearing_sheet_has_every_point_with_its_answer() {
    let (catalog, client) = sample_client();
    let mut wb = open(&docs(&catalog, &client)[hearing::FILE]);
    let r = wb.worksheet_range(hearing::SHEET).unwrap();
    assert_eq!(text(&r, hearing::HEADER_ROW, 2), "ヒアリング結果");
    let mut row = hearing::HEADER_ROW + 1;
    for section in &catalog.hearing.section {
        assert!(
            text(&r, row, 0).contains(&section.title),
            "section {} at row {row}",
            section.no
        );
        row += 1;
        for p in &section.point {
            assert_eq!(text(&r, row, 0), p.id);
            assert_eq!(text(&r, row, 1), p.title);
            let a = client.hearing.iter().find(|h| h.point == p.id);
            assert_eq!(
                text(&r, row, 2),
                a.map(|a| a.answer.trim()).unwrap_or(""),
                "answer of {}",
                p.id
            );
            assert_eq!(
                text(&r, row, 3),
                a.map(|a| a.consider.trim()).unwrap_or(""),
                "consider of {}",
                p.id
            );
            row += 1;
        }
    }
    assert_eq!(catalog.hearing.section.len(), 7);
}

#[test]
fn regulation_sheet_has_the_eleven_rows_with_their_statuses() {
    let (catalog, client) = sample_client();
    let bytes = &docs(&catalog, &client)[regulations::FILE];
    let r = open(bytes).worksheet_range(regulations::SHEET).unwrap();
    assert_eq!(catalog.regulations.regulation.len(), 11);
    for (i, reg) in catalog.regulations.regulation.iter().enumerate() {
        let row = regulations::HEADER_ROW + 1 + i as u32;
        let mine = client.regulations.iter().find(|r| r.no == reg.no).unwrap();
        assert_eq!(num(&r, row, 0), Some(f64::from(reg.no)));
        assert_eq!(text(&r, row, 1), reg.name);
        assert_eq!(text(&r, row, 2), reg.summary);
        assert_eq!(
            text(&r, row, regulations::STATUS_COL),
            mine.status.map(|s| s.label()).unwrap_or("")
        );
        assert_eq!(text(&r, row, 4), mine.comment.trim());
    }
    // The status column is a pull-down of exactly the four official choices.
    let xml = part(bytes, "xl/worksheets/sheet1.xml");
    let list = RegulationStatus::ALL.map(|s| s.label()).join(",");
    assert!(
        xml.contains("<dataValidation type=\"list\""),
        "no list validation"
    );
    assert!(
        xml.contains(&format!("<formula1>\"{list}\"</formula1>")),
        "choices differ: {xml}"
    );
    let first = regulations::HEADER_ROW + 2;
    assert!(xml.contains(&format!("sqref=\"D{first}:D{}\"", first + 10)));
}

#[test]
fn unset_regulation_statuses_stay_blank() {
    let (catalog, mut client) = sample_client();
    client.regulations[4].status = None;
    let r = open(&docs(&catalog, &client)[regulations::FILE])
        .worksheet_range(regulations::SHEET)
        .unwrap();
    assert_eq!(
        text(&r, regulations::HEADER_ROW + 5, regulations::STATUS_COL),
        ""
    );
}

#[test]
fn plan_sheet_has_every_row_grouped_by_area_in_priority_order() {
    let (catalog, client) = sample_client();
    let bytes = &docs(&catalog, &client)[plan::FILE];
    let r = open(bytes).worksheet_range(plan::SHEET).unwrap();
    let rows = &client.plan;
    assert!(!rows.is_empty());
    let order = priority_order(rows);
    let rank = |i: usize| order.iter().position(|&k| k == i).unwrap() + 1;

    // Expected sheet order: area by area, then priority.
    let mut expected = Vec::new();
    for area in Area::ALL {
        let mut in_area: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| rows[i].area == area)
            .collect();
        if in_area.is_empty() {
            expected.push(None);
        }
        expected.extend(in_area.drain(..).map(Some));
    }
    let mut seen = 0;
    let mut prev_area = None;
    for (row, e) in (plan::FIRST_ROW..).zip(expected) {
        match e {
            None => {
                assert!(
                    Area::ALL
                        .iter()
                        .any(|a| a.label() == text(&r, row, plan::col::AREA))
                );
                assert_eq!(text(&r, row, plan::col::MEASURE), "");
                prev_area = None;
            }
            Some(i) => {
                let p = &rows[i];
                // 改善分野 once per group (a merged cell), in the first column.
                let area = if prev_area == Some(p.area) {
                    ""
                } else {
                    p.area.label()
                };
                prev_area = Some(p.area);
                assert_eq!(text(&r, row, plan::col::AREA), area);
                assert_eq!(num(&r, row, plan::col::RANK), Some(rank(i) as f64));
                assert_eq!(text(&r, row, plan::col::CURRENT), p.current.trim());
                assert_eq!(text(&r, row, plan::col::MEASURE), p.measure.trim());
                assert_eq!(
                    text(&r, row, plan::col::LINKED),
                    if p.linked { plan::CHECK } else { "" }
                );
                let lv = |l: Option<Level>| l.map(Level::label).unwrap_or("").to_owned();
                assert_eq!(text(&r, row, plan::col::URGENCY), lv(p.ratings.urgency));
                assert_eq!(
                    text(&r, row, plan::col::IMPORTANCE),
                    lv(p.ratings.importance)
                );
                assert_eq!(
                    text(&r, row, plan::col::DIFFICULTY),
                    p.ratings.difficulty.map(Difficulty::label).unwrap_or("")
                );
                assert_eq!(
                    text(&r, row, plan::col::FEASIBILITY),
                    p.feasibility.map(Feasibility::label).unwrap_or("")
                );
                assert_eq!(date(&r, row, plan::col::DEADLINE), p.deadline);
                assert_eq!(text(&r, row, plan::col::CONCERNS), p.concerns.trim());
                seen += 1;
            }
        }
    }
    assert_eq!(seen, rows.len(), "every plan row is on the sheet");
    // The designated sheet's columns in its order, the rank only after them.
    let head: Vec<String> = (0..=plan::col::RANK)
        .map(|c| text(&r, plan::HEADER_ROW, c).replace('\n', ""))
        .collect();
    assert_eq!(
        &head[..4],
        [
            "改善分野",
            "現状と課題",
            "具体的改善対策",
            "経営施策との連携（✔）"
        ]
    );
    assert_eq!(head[plan::col::DEADLINE as usize], "実施期限");
    assert_eq!(head[plan::col::CONCERNS as usize], "予算、要員等の懸念点");
    assert!(head[plan::col::RANK as usize].contains("優先順位"));
    let sub: Vec<String> = (plan::col::URGENCY..=plan::col::FEASIBILITY)
        .map(|c| text(&r, plan::HEADER_ROW + 1, c).replace('\n', ""))
        .collect();
    assert_eq!(sub, ["緊急度", "重要度", "難易度", "実施可否"]);

    let xml = part(bytes, "xl/worksheets/sheet1.xml");
    for list in [
        Area::ALL.map(|a| a.label()).join(","),
        Level::ALL.map(|l| l.label()).join(","),
        Difficulty::ALL.map(|d| d.label()).join(","),
        "可,否".to_owned(),
        plan::CHECK.to_owned(),
    ] {
        assert!(
            xml.contains(&format!("<formula1>\"{list}\"</formula1>")),
            "pull-down {list} missing"
        );
    }
}

#[test]
fn plan_sheet_keeps_an_empty_line_for_an_area_without_rows() {
    let (catalog, mut client) = sample_client();
    client.plan.retain(|p| p.area != Area::Human);
    let r = open(&docs(&catalog, &client)[plan::FILE])
        .worksheet_range(plan::SHEET)
        .unwrap();
    let areas: Vec<String> = (plan::FIRST_ROW..plan::FIRST_ROW + client.plan.len() as u32 + 1)
        .map(|row| text(&r, row, plan::col::AREA))
        .collect();
    assert!(areas.contains(&"人的対策".to_owned()), "{areas:?}");
}

#[test]
fn diagnosis_workbook_matches_the_scores() {
    let (catalog, client) = sample_client();
    let bytes = &docs(&catalog, &client)[diagnosis::FILE];
    let mut wb = open(bytes);
    let rs = &client.diagnosis.respondents;
    assert!(rs.len() >= 2);
    let names = diagnosis::respondent_sheet_names(rs);
    let mut sheets = vec![diagnosis::SUMMARY_SHEET.to_owned()];
    sheets.extend(names.iter().cloned());
    sheets.push(diagnosis::ITEMS_SHEET.to_owned());
    assert_eq!(wb.sheet_names(), sheets);

    for (r, name) in rs.iter().zip(&names) {
        let sh = wb.worksheet_range(name).unwrap();
        let sc = score(&r.answers);
        for i in 0..25u32 {
            let row = diagnosis::FIRST_ITEM_ROW + i;
            let no = i as u8 + 1;
            let item = catalog.diagnosis_item(no).unwrap();
            let a = r.answers[i as usize];
            assert_eq!(num(&sh, row, diagnosis::item_col::NO), Some(f64::from(no)));
            assert_eq!(text(&sh, row, diagnosis::item_col::QUESTION), item.question);
            assert!(!text(&sh, row, diagnosis::item_col::PART).is_empty());
            assert_eq!(text(&sh, row, diagnosis::item_col::ANSWER), a.label());
            assert_eq!(
                num(&sh, row, diagnosis::item_col::POINTS),
                a.points().map(f64::from)
            );
        }
        for p in 0..3 {
            let row = diagnosis::SUBTOTAL_ROW + p as u32;
            assert_eq!(
                num(&sh, row, diagnosis::item_col::POINTS),
                Some(f64::from(sc.parts[p]))
            );
        }
        assert_eq!(
            num(&sh, diagnosis::TOTAL_ROW, diagnosis::item_col::POINTS),
            Some(f64::from(sc.total))
        );
        let (band, _) = diagnosis::band_label(&catalog, sc.total);
        assert!(text(&sh, diagnosis::BAND_ROW, diagnosis::item_col::QUESTION).starts_with(band));
    }

    let sum = wb.worksheet_range(diagnosis::SUMMARY_SHEET).unwrap();
    for (i, r) in rs.iter().enumerate() {
        let row = diagnosis::SCORE_HEADER_ROW + 1 + i as u32;
        let sc = score(&r.answers);
        assert_eq!(
            text(&sum, row, diagnosis::score_col::NAME),
            diagnosis::numbered_label(rs, i)
        );
        for p in 0..3u16 {
            assert_eq!(
                num(&sum, row, diagnosis::score_col::PART1 + p),
                Some(f64::from(sc.parts[usize::from(p)]))
            );
        }
        assert_eq!(
            num(&sum, row, diagnosis::score_col::TOTAL),
            Some(f64::from(sc.total))
        );
        assert_eq!(
            text(&sum, row, diagnosis::score_col::BAND),
            diagnosis::band_label(&catalog, sc.total).0
        );
    }

    // Gap, わからない and focus items are listed by number under their headings.
    let col_a: Vec<(u32, String)> = (0..200)
        .map(|row| (row, text(&sum, row, 0)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let section = |prefix: &str| -> Vec<f64> {
        let start = col_a
            .iter()
            .position(|(_, t)| t.starts_with(prefix))
            .unwrap();
        let head = col_a[start].0;
        // Header row, then numbered rows until the next heading.
        (head + 2..).map_while(|row| num(&sum, row, 0)).collect()
    };
    let g: Vec<f64> = gaps(rs, GAP_THRESHOLD)
        .iter()
        .map(|g| f64::from(g.no))
        .collect();
    assert!(!g.is_empty());
    assert_eq!(section("2."), g);
    let dk: Vec<f64> = dont_know(rs).iter().map(|(no, _)| f64::from(*no)).collect();
    assert!(!dk.is_empty());
    assert_eq!(section("3."), dk);
    let mut focus: Vec<f64> = client
        .diagnosis
        .items
        .iter()
        .filter(|i| i.focus)
        .map(|i| f64::from(i.no))
        .collect();
    focus.sort_by(f64::total_cmp);
    assert!(!focus.is_empty());
    assert_eq!(section("4."), focus);
    assert_eq!(section("5.").len(), 25, "every answer side by side");

    // The chart: a clustered bar chart of the three parts as a percentage
    // of their maximum, one category per respondent and per role.
    let parts = part_names(bytes);
    assert!(
        parts.iter().any(|p| p == "xl/charts/chart1.xml"),
        "{parts:?}"
    );
    let chart = part(bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"));
    assert!(chart.contains("<c:barDir val=\"bar\"/>"));
    assert!(chart.contains("<c:grouping val=\"clustered\"/>"));
    assert_eq!(chart.matches("<c:ser>").count(), 3, "one series per part");
    assert!(chart.contains("<c:max val=\"1\"/>"), "percent axis");
}

#[test]
fn a_client_without_respondents_still_gets_a_summary() {
    let (catalog, mut client) = sample_client();
    client.diagnosis.respondents.clear();
    let bytes = &docs(&catalog, &client)[diagnosis::FILE];
    assert_eq!(
        open(bytes).sheet_names(),
        vec![
            diagnosis::SUMMARY_SHEET.to_owned(),
            diagnosis::ITEMS_SHEET.to_owned()
        ]
    );
    assert!(
        !part_names(bytes)
            .iter()
            .any(|p| p.starts_with("xl/charts/"))
    );
}

#[test]
fn workbooks_are_set_up_for_a4_printing() {
    let (catalog, client) = sample_client();
    let d = docs(&catalog, &client);
    for file in [
        hearing::FILE,
        regulations::FILE,
        plan::FILE,
        diagnosis::FILE,
    ] {
        let xml = part(&d[file], "xl/worksheets/sheet1.xml");
        assert!(xml.contains("paperSize=\"9\""), "{file}: not A4");
        assert!(
            xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "{file}: not fit to page"
        );
        assert!(xml.contains("state=\"frozen\""), "{file}: no frozen header");
        let styles = part(&d[file], "xl/styles.xml");
        assert!(styles.contains("wrapText=\"1\""), "{file}: wrapped text");
        assert!(styles.contains("游ゴシック"), "{file}: Japanese font");
    }
    for file in [hearing::FILE, regulations::FILE, plan::FILE] {
        let xml = part(&d[file], "xl/worksheets/sheet1.xml");
        assert!(
            xml.contains("orientation=\"landscape\""),
            "{file}: wide forms print landscape"
        );
    }
    // Every sheet fits the page width only (rows flow onto more pages, never
    // shrunk to one page) and repeats its header rows.
    for file in [
        hearing::FILE,
        regulations::FILE,
        plan::FILE,
        diagnosis::FILE,
    ] {
        let names = part_names(&d[file]);
        let sheets: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .collect();
        for sheet in &sheets {
            let xml = part(&d[file], sheet);
            assert!(
                xml.contains("fitToHeight=\"0\""),
                "{file} {sheet}: fit to width only"
            );
        }
        let wb = part(&d[file], "xl/workbook.xml");
        assert_eq!(
            wb.matches("_xlnm.Print_Titles").count(),
            sheets.len(),
            "{file}: header rows repeated on every sheet"
        );
    }
}

#[test]
fn markdown_snapshots_of_the_sample() {
    let (catalog, client) = sample_client();
    let d = docs(&catalog, &client);
    let md = |name: &str| String::from_utf8(d[name].clone()).unwrap();
    insta::assert_snapshot!("policy", md("情報セキュリティ基本方針.md"));
    insta::assert_snapshot!("session1_report", md("第1回_実施報告.md"));
    insta::assert_snapshot!("session2_report", md("第2回_実施報告.md"));
}

#[test]
fn markdown_snapshots_after_the_last_session() {
    let (catalog, client) = finished_client();
    let d = docs(&catalog, &client);
    let md = |name: &str| String::from_utf8(d[name].clone()).unwrap();
    insta::assert_snapshot!("session4_report", md("第4回_実施報告.md"));
    insta::assert_snapshot!("final_report", md(reports::FINAL_FILE));
}

#[test]
fn session_report_shows_planned_versus_actual_with_overruns() {
    let (catalog, client) = sample_client();
    let s = &client.sessions[0];
    let md = doc::markdown(&reports::session_report(
        &catalog,
        &client,
        1,
        &Options::at(now()),
    ));
    assert!(md.contains("| No. | 項目 | 予定 | 予定時間 | 実績 | 実績時間 | 予定との差 |"));
    for item in &s.agenda {
        assert!(md.contains(&item.title), "{}", item.title);
    }
    assert!(md.contains("予定を超えた項目"));
    for n in &s.notes {
        assert!(md.contains(&n.text), "{}", n.text);
    }
    assert!(md.contains("## 決定事項") && md.contains("## 依頼事項"));
    assert!(md.contains(s.mode.unwrap().label()));
}

fn read_all(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn export_all_writes_the_set_and_never_overwrites_it() {
    let (catalog, client) = sample_client();
    let data = tempfile::tempdir().unwrap();
    let store = Store::new(data.path());
    let out = data.path().join("out");
    let w = export::export_all(&store, &catalog, &client, Some(&out), &Options::at(now())).unwrap();
    assert_eq!(w.folder, out);
    let first = read_all(&out);
    assert_eq!(first.len(), w.files.len());
    for f in &w.files {
        assert!(f.is_file(), "{}", f.display());
    }
    assert_eq!(
        first,
        docs(&catalog, &client),
        "the files are the documents"
    );

    // A second export to the same folder fails and leaves the first untouched.
    let mut changed = client.clone();
    changed.plan.clear();
    let again = export::export_all(&store, &catalog, &changed, Some(&out), &Options::at(now()));
    assert!(again.is_err());
    assert_eq!(read_all(&out), first);
    let leftovers: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("out")],
        "no temporary folder left behind"
    );
}

#[test]
fn export_all_defaults_to_a_timestamped_folder_of_the_client() {
    let (catalog, client) = sample_client();
    let data = tempfile::tempdir().unwrap();
    let store = Store::new(data.path());
    let w = export::export_all(&store, &catalog, &client, None, &Options::at(now())).unwrap();
    assert_eq!(
        w.folder,
        data.path()
            .join("clients")
            .join("demo")
            .join("exports")
            .join("20261121-180000")
    );
    assert!(w.folder.join(plan::FILE).is_file());
    // Same second again: the earlier set is kept, the new one refused.
    assert!(export::export_all(&store, &catalog, &client, None, &Options::at(now())).is_err());
    let later = export::export_all(
        &store,
        &catalog,
        &client,
        None,
        &Options::at(now() + Duration::seconds(1)),
    )
    .unwrap();
    assert_ne!(later.folder, w.folder);
}

#[test]
fn cli_exports_the_sample_client() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("deliverables");
    let bin = env!("CARGO_BIN_EXE_bansou");
    let run = |args: &[&str]| {
        let o = Command::new(bin)
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env_remove("BANSOU_DATA_DIR")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    run(&["new", "--name", "X", "--sample", "--id", "s"]);
    let stdout = run(&["export", "s", "--out", out.to_str().unwrap()]);
    for f in [
        hearing::FILE,
        regulations::FILE,
        plan::FILE,
        diagnosis::FILE,
        "情報セキュリティ基本方針.md",
        "第1回_実施報告.md",
        "第2回_実施報告.md",
    ] {
        assert!(out.join(f).is_file(), "{f} not written");
        assert!(stdout.contains(f), "{f} not listed: {stdout}");
    }
    // A second export to the same folder is refused.
    let o = Command::new(bin)
        .arg("--data-dir")
        .arg(data.path())
        .args(["export", "s", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!o.status.success());
}
