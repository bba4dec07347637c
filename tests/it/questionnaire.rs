//! Issue 13: questionnaires out, answers back in. The questionnaire is read
//! back cell by cell, filled by editing its XML (not through the writer),
//! imported, and compared; our exported 自社診断結果 is edited and
//! re-imported; CSV in UTF-8 and Shift_JIS; hostile files are refused whole.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::intake_support::*;
use bansou::content::Catalog;
use bansou::domain::model::{Answer, Client, Role};
use bansou::domain::promote::review;
use bansou::export::questionnaire::{Form, file_names, workbook, write_questionnaires};
use bansou::import::{FileLine, Refusal, complete_path, import_into};
use bansou::sample::{self, SAMPLE_NAME};
use bansou::store::Store;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn blank_client(catalog: &Catalog) -> Client {
    catalog.new_client(
        "sakura",
        SAMPLE_NAME,
        today()
            .and_hms_opt(9, 0, 0)
            .map(bansou::domain::clock::jst)
            .unwrap(),
    )
}

fn form(name: &str, role: Role) -> Form {
    Form {
        name: name.into(),
        role: Some(role),
    }
}

fn questionnaire(catalog: &Catalog, name: &str, role: Role) -> Vec<u8> {
    workbook(catalog, SAMPLE_NAME, &form(name, role), today()).unwrap()
}

const ANSWERS: [&str; 25] = [
    "実施している",
    "実施している",
    "一部実施している",
    "わからない",
    "実施していない",
    "実施している",
    "",
    "一部実施している",
    "わからない",
    "実施している",
    "実施している",
    "実施していない",
    "一部実施している",
    "実施している",
    "実施している",
    "実施している",
    "実施している",
    "実施している",
    "実施している",
    "一部実施している",
    "実施していない",
    "わからない",
    "実施している",
    "実施していない",
    "一部実施している",
];

fn expected(answers: &[&str; 25]) -> [Answer; 25] {
    answers.map(|a| bansou::domain::intake::parse_answer(a).unwrap())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn import(client: &mut Client, paths: &[&PathBuf], replace: bool) -> Vec<FileLine> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| (*p).clone()).collect();
    import_into(client, &paths, &[], replace).unwrap()
}

#[test]
fn the_questionnaire_has_the_catalog_questions_grouped_by_part() {
    let catalog = catalog();
    let bytes = questionnaire(&catalog, "山田 一郎", Role::Owner);
    let l = layout(&bytes, 0);
    for item in &catalog.diagnosis.item {
        assert_eq!(
            l.question[usize::from(item.no) - 1],
            item.question,
            "Q{}",
            item.no
        );
    }
    // Each part's heading stands right above its first item, in catalog order.
    for part in &catalog.diagnosis.part {
        let heading_row = l.row[usize::from(part.first) - 1] - 2;
        let heading = text(&l.range, heading_row, 0);
        assert!(
            heading.contains(&part.title) && heading.contains(&format!("No.{}", part.first)),
            "{heading}"
        );
        for no in part.first..part.last {
            assert_eq!(l.row[usize::from(no)], l.row[usize::from(no) - 1] + 1);
        }
    }
    let all: Vec<String> = (0..40)
        .flat_map(|r| (0..4).map(move |c| (r, c)))
        .map(|(r, c)| text(&l.range, r, c))
        .collect();
    assert!(all.iter().any(|t| t.contains(SAMPLE_NAME)), "company name");
    assert!(all.iter().any(|t| t == "山田 一郎"), "respondent name");
    assert!(all.iter().any(|t| t == "経営者"), "role");
    assert!(
        all.iter().any(|t| t.contains("記入のしかた")),
        "instructions"
    );
}

/// Style indices whose cell format leaves the cell unlocked.
fn unlocked_styles(styles: &str) -> Vec<usize> {
    let xfs = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|s| s.split("</cellXfs>").next())
        .unwrap();
    xfs.split("<xf ")
        .skip(1)
        .enumerate()
        .filter(|(_, xf)| {
            let xf = xf.split("</xf>").next().unwrap_or(xf);
            xf.contains("locked=\"0\"")
        })
        .map(|(i, _)| i)
        .collect()
}

fn unlocked_cells(bytes: &[u8]) -> Vec<String> {
    let entries = unzip(bytes);
    let get = |n: &str| {
        String::from_utf8(entries.iter().find(|(k, _)| k == n).unwrap().1.clone()).unwrap()
    };
    let open = unlocked_styles(&get("xl/styles.xml"));
    let sheet = get("xl/worksheets/sheet1.xml");
    let mut cells = Vec::new();
    for c in sheet.split("<c r=\"").skip(1) {
        let (cell, rest) = c.split_once('"').unwrap();
        let head = rest.split('>').next().unwrap();
        if let Some(s) = head
            .split_once(" s=\"")
            .and_then(|(_, r)| r.split_once('"'))
            && open.contains(&s.0.parse().unwrap())
        {
            cells.push(cell.to_owned());
        }
    }
    cells
}

#[test]
fn only_name_role_answer_and_comment_cells_are_open_and_the_sheet_is_protected() {
    let catalog = catalog();
    let blank = workbook(&catalog, SAMPLE_NAME, &Form::default(), today()).unwrap();
    let l = layout(&blank, 0);
    let mut want: Vec<String> = vec![l.name.clone().unwrap(), l.role.clone().unwrap()];
    for i in 0..25 {
        want.push(l.answer[i].clone());
        want.push(l.comment[i].clone().unwrap());
    }
    // The merged name cell spans C:D; its second cell is open too.
    let name_row = &l.name.clone().unwrap()[1..];
    want.push(format!("D{name_row}"));
    want.sort();
    let mut got = unlocked_cells(&blank);
    got.sort();
    assert_eq!(got, want);

    // With the name and role filled in, those stay locked.
    let named = workbook(&catalog, SAMPLE_NAME, &form("山田", Role::Owner), today()).unwrap();
    assert_eq!(unlocked_cells(&named).len(), 50);

    let sheet = String::from_utf8(
        unzip(&blank)
            .into_iter()
            .find(|(k, _)| k == "xl/worksheets/sheet1.xml")
            .unwrap()
            .1,
    )
    .unwrap();
    let protection = sheet.split("<sheetProtection").nth(1).unwrap();
    let protection = protection.split("/>").next().unwrap();
    assert!(protection.contains("sheet=\"1\""), "{protection}");
    assert!(
        !protection.to_lowercase().contains("password"),
        "{protection}"
    );
    // The answer pull-down lists the four official answers and stops others.
    let answers_list = "\"実施している,一部実施している,実施していない,わからない\"";
    assert!(sheet.contains(&esc(answers_list)) || sheet.contains(answers_list));
    let validations = sheet.split("<dataValidation ").skip(1).count();
    assert_eq!(validations, 26, "25 answers and the role");
    // A4 portrait, one page wide and at most two pages tall, header repeated.
    assert!(sheet.contains("paperSize=\"9\""));
    assert!(sheet.contains("orientation=\"portrait\""));
    assert!(sheet.contains("fitToHeight=\"2\""));
    assert!(
        !sheet.contains("<pane"),
        "nothing frozen: the header is far down"
    );
}

#[test]
fn round_trip_gives_the_same_answers_and_comments() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let mut client = blank_client(&catalog);
    let q = questionnaire(&catalog, "山田 一郎", Role::Owner);
    let filled = fill(
        &q,
        &ANSWERS,
        &[(3, "製造現場のPCは付箋で共有"), (25, "規程は\n未整備")],
    );
    let p = write(dir.path(), "q.xlsx", &filled);
    let lines = import(&mut client, &[&p], false);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0].to_string(),
        format!(
            "{}: 山田 一郎（経営者）: 回答 24/25、わからない 3、コメント 2",
            p.display()
        )
    );
    let r = &client.diagnosis.respondents[0];
    assert_eq!((r.name.as_str(), r.role), ("山田 一郎", Role::Owner));
    assert_eq!(r.answers, expected(&ANSWERS));
    assert_eq!(r.answers[6], Answer::Unanswered, "unanswered stays 未回答");
    assert_eq!(
        review(&client.diagnosis, 3).unwrap().notes,
        "【山田 一郎（経営者）】製造現場のPCは付箋で共有"
    );
    assert_eq!(
        review(&client.diagnosis, 25).unwrap().notes,
        "【山田 一郎（経営者）】規程は 未整備"
    );

    // The same person again is refused without --replace, nothing changes.
    let before = client.clone();
    let lines = import(&mut client, &[&p], false);
    assert!(
        matches!(&lines[0].result, Err(Refusal::Exists { who }) if who == "山田 一郎（経営者）"),
        "the app can offer to replace: {:?}",
        lines[0].result
    );
    let why = lines[0].result.clone().unwrap_err().to_string();
    assert!(why.contains("--replace"), "{why}");
    assert_eq!(client, before);
    // With --replace the answers and the comment lines are swapped.
    let mut again = ANSWERS;
    again[0] = "実施していない";
    let p2 = write(dir.path(), "q2.xlsx", &fill(&q, &again, &[(3, "訂正")]));
    let lines = import(&mut client, &[&p2], true);
    assert!(lines[0].result.as_ref().unwrap().ends_with("（置き換え）"));
    assert_eq!(client.diagnosis.respondents.len(), 1);
    assert_eq!(client.diagnosis.respondents[0].answers[0], Answer::NotDone);
    assert_eq!(
        review(&client.diagnosis, 3).unwrap().notes,
        "【山田 一郎（経営者）】訂正"
    );
    assert_eq!(review(&client.diagnosis, 25).unwrap().notes, "");
}

#[test]
fn a_blank_form_takes_the_name_typed_in_or_given_on_the_command_line() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let blank = workbook(&catalog, SAMPLE_NAME, &Form::default(), today()).unwrap();
    let l = layout(&blank, 0);
    let answered = fill(&blank, &ANSWERS, &[]);
    let nameless = write(dir.path(), "nameless.xlsx", &answered);
    // No name: refused, saying how to give one.
    let mut client = blank_client(&catalog);
    let lines = import(&mut client, &[&nameless], false);
    let why = lines[0].result.clone().unwrap_err().to_string();
    assert!(why.contains("--respondent"), "{why}");
    assert!(client.diagnosis.respondents.is_empty());
    // A form nobody filled in yet is refused even with a name.
    let unfilled = write(dir.path(), "unfilled.xlsx", &blank);
    let given = [("佐藤 花子".to_owned(), Role::Manager)];
    let lines = import_into(&mut client, &[unfilled], &given, false).unwrap();
    let why = lines[0].result.clone().unwrap_err().to_string();
    assert!(why.contains("回答が一つもありません"), "{why}");
    assert!(client.diagnosis.respondents.is_empty());
    // Given on the command line.
    let lines = import_into(&mut client, std::slice::from_ref(&nameless), &given, false).unwrap();
    assert!(lines[0].imported(), "{}", lines[0]);
    assert_eq!(client.diagnosis.respondents[0].name, "佐藤 花子");
    // Typed into the form.
    let typed = edit_sheet(&answered, 1, |x| {
        let x = set_cell(&x, l.name.as_ref().unwrap(), Put::Text(" 田中 次郎 "));
        set_cell(&x, l.role.as_ref().unwrap(), Put::Text("従業員"))
    });
    let p = write(dir.path(), "typed.xlsx", &typed);
    let lines = import(&mut client, &[&p], false);
    assert!(lines[0].imported(), "{}", lines[0]);
    assert_eq!(client.diagnosis.respondents[1].name, "田中 次郎");
    assert_eq!(client.diagnosis.respondents[1].role, Role::Employee);
    // An unused --respondent refuses the whole call.
    let before = client.clone();
    let p = write(dir.path(), "again.xlsx", &typed);
    let e = import_into(&mut client, &[p], &given, true).unwrap_err();
    assert!(e.contains("佐藤 花子"), "{e}");
    assert_eq!(client, before);
}

#[test]
fn our_exported_workbook_edited_in_a_spreadsheet_reimports() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let mut client = blank_client(&catalog);
    sample::fill(&mut client, &catalog, today());
    let doc = bansou::export::diagnosis::document(&catalog, &client, today()).unwrap();
    // Sheet 1 is the summary; the respondents follow. Correct two answers of
    // the second respondent, found by question number.
    let l = layout(&doc.bytes, 2);
    let edited = edit_sheet(&doc.bytes, 3, |x| {
        let x = set_cell(&x, &l.answer[4], Put::Text("実施している"));
        set_cell(&x, &l.answer[20], Put::Text("わからない"))
    });
    let p = write(dir.path(), "自社診断結果.xlsx", &edited);
    let mut want = client.diagnosis.respondents.clone();
    want[1].answers[4] = Answer::Done;
    want[1].answers[20] = Answer::DontKnow;

    // Without --replace every respondent is already there: the file is refused whole.
    let before = client.clone();
    let lines = import(&mut client, &[&p], false);
    assert_eq!(lines.len(), 1);
    assert!(!lines[0].imported());
    assert_eq!(client, before);

    let lines = import(&mut client, &[&p], true);
    assert_eq!(lines.len(), 3, "one line per respondent sheet: {lines:?}");
    assert!(lines.iter().all(FileLine::imported), "{lines:?}");
    assert_eq!(lines[1].sheet.as_deref(), Some(l.sheet.as_str()));
    assert_eq!(client.diagnosis.respondents, want);
    assert_eq!(
        client.diagnosis.items, before.diagnosis.items,
        "no comments there"
    );

    // Into a client without respondents it brings all three.
    let mut fresh = blank_client(&catalog);
    import(&mut fresh, &[&p], false);
    assert_eq!(fresh.diagnosis.respondents, want);
}

#[test]
fn csv_in_utf8_with_or_without_bom_and_in_shift_jis() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::from("no,answer,comment\r\n");
    for (i, a) in ANSWERS.iter().enumerate() {
        let comment = if i == 2 {
            "\"付箋で共有, 例外あり\""
        } else {
            ""
        };
        body.push_str(&format!("{},{a},{comment}\r\n", i + 1));
    }
    let named = format!("回答者,鈴木 花子,管理者\r\n{body}");
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&named);
    assert!(!bad);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(named.as_bytes());
    for (file, bytes) in [
        ("utf8.csv", named.as_bytes().to_vec()),
        ("bom.csv", bom),
        ("sjis.csv", sjis.into_owned()),
    ] {
        let mut client = blank_client(&catalog);
        let p = write(dir.path(), file, &bytes);
        let lines = import(&mut client, &[&p], false);
        assert!(lines[0].imported(), "{}", lines[0]);
        let r = &client.diagnosis.respondents[0];
        assert_eq!(
            (r.name.as_str(), r.role),
            ("鈴木 花子", Role::Manager),
            "{file}"
        );
        assert_eq!(r.answers, expected(&ANSWERS), "{file}");
        assert_eq!(
            review(&client.diagnosis, 3).unwrap().notes,
            "【鈴木 花子（管理者）】付箋で共有, 例外あり",
            "{file}"
        );
    }
    // Without the 回答者 line the name comes from --respondent.
    let mut client = blank_client(&catalog);
    let p = write(dir.path(), "plain.csv", body.as_bytes());
    let given = [("高橋".to_owned(), Role::Employee)];
    let lines = import_into(&mut client, &[p], &given, false).unwrap();
    assert!(lines[0].imported(), "{}", lines[0]);
    assert_eq!(client.diagnosis.respondents[0].name, "高橋");
}

/// A questionnaire named and answered, as bytes.
fn good(catalog: &Catalog) -> Vec<u8> {
    let q = workbook(catalog, SAMPLE_NAME, &form("山田", Role::Owner), today()).unwrap();
    fill(&q, &ANSWERS, &[(1, "コメント")])
}

/// `xlsx` with its first part declared, in the central directory, to unpack
/// to 4 GB (as a decompression bomb declares it).
fn bomb(xlsx: &[u8]) -> Vec<u8> {
    let mut b = xlsx.to_vec();
    let at = b
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    b[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    b
}

#[test]
fn hostile_files_are_refused_whole_naming_file_and_cell() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let ok = good(&catalog);
    let l = layout(&ok, 0);
    let answer = |i: usize| l.answer[i].clone();
    let mut sample_client = blank_client(&catalog);
    sample::fill(&mut sample_client, &catalog, today());
    let hearing = bansou::export::hearing::document(&catalog, &sample_client, today()).unwrap();
    let truncated = ok[..ok.len() / 2].to_vec();
    let cases: Vec<(&str, Vec<u8>, Vec<String>)> = vec![
        (
            "formula.xlsx",
            edit_sheet(&ok, 1, |x| {
                set_cell(
                    &x,
                    &answer(4),
                    Put::Formula("\"実施\"&\"している\"", "実施している"),
                )
            }),
            vec![answer(4), "数式".into()],
        ),
        (
            "number.xlsx",
            edit_sheet(&ok, 1, |x| set_cell(&x, &answer(9), Put::Number(4.0))),
            vec![answer(9), "数値 4".into()],
        ),
        (
            "unknown.xlsx",
            edit_sheet(&ok, 1, |x| set_cell(&x, &answer(0), Put::Text("はい"))),
            vec![answer(0), "「はい」".into()],
        ),
        (
            "merged.xlsx",
            edit_sheet(&ok, 1, |x| {
                merge(&x, &format!("{}:{}", answer(7), answer(8)))
            }),
            vec![format!("{}:{}", answer(7), answer(8)), "結合".into()],
        ),
        (
            "deleted.xlsx",
            edit_sheet(&ok, 1, |x| drop_row(&x, l.row[11])),
            vec!["No.12".into(), "削除".into()],
        ),
        (
            "duplicate.xlsx",
            edit_sheet(&ok, 1, |x| {
                set_cell(&x, &format!("A{}", l.row[12]), Put::Number(12.0))
            }),
            vec!["No.12".into(), "2回".into()],
        ),
        (
            "bad-role.xlsx",
            edit_sheet(&ok, 1, |x| {
                set_cell(&x, l.role.as_ref().unwrap(), Put::Text("社長"))
            }),
            vec![l.role.clone().unwrap(), "社長".into()],
        ),
        (
            "wrong.xlsx",
            hearing.bytes.clone(),
            vec!["回答用紙でも".into()],
        ),
        ("empty.xlsx", Vec::new(), vec!["空".into()]),
        (
            "calc.ods",
            rezip(&[
                (
                    "mimetype".into(),
                    b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
                ),
                ("content.xml".into(), b"<office:document-content/>".to_vec()),
            ]),
            vec![".ods".into()],
        ),
        ("bomb.xlsx", bomb(&ok), vec!["大きすぎる".into()]),
        ("truncated.xlsx", truncated, vec!["壊れている".into()]),
        (
            "picture.xlsx",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            vec!["でも CSV でもありません".into()],
        ),
        (
            "old.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1a\xE1\0\0".to_vec(),
            vec![".xls".into()],
        ),
        (
            "notes.csv",
            b"hello\nworld\n".to_vec(),
            vec!["1 行目".into()],
        ),
        (
            "binary.csv",
            vec![0, 159, 146, 150],
            vec!["テキスト".into()],
        ),
    ];
    for (name, bytes, wants) in cases {
        let p = write(dir.path(), name, &bytes);
        let mut client = blank_client(&catalog);
        let before = client.clone();
        let lines = import(&mut client, &[&p], false);
        assert_eq!(lines.len(), 1, "{name}");
        let line = lines[0].to_string();
        assert!(!lines[0].imported(), "{name}: {line}");
        assert!(line.starts_with(&p.display().to_string()), "{line}");
        for w in wants {
            assert!(line.contains(&w), "{name}: {line} should name {w}");
        }
        assert_eq!(client, before, "{name}: nothing imported");
    }
}

#[test]
fn a_refused_file_does_not_stop_the_others() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.xlsx", &good(&catalog));
    let bad = write(dir.path(), "bad.xlsx", b"not a workbook");
    let c = write(
        dir.path(),
        "c.csv",
        "回答者,田中,従業員\n1,わからない\n".as_bytes(),
    );
    let again = write(dir.path(), "a-copy.xlsx", &good(&catalog));
    let mut client = blank_client(&catalog);
    let lines = import(&mut client, &[&a, &bad, &c, &again], true);
    let ok: Vec<bool> = lines.iter().map(FileLine::imported).collect();
    assert_eq!(ok, [true, false, true, false], "{lines:?}");
    assert!(
        lines[3].to_string().contains("a.xlsx"),
        "same person twice in one call"
    );
    let names: Vec<&str> = client
        .diagnosis
        .respondents
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["山田", "田中"]);
}

#[test]
fn questionnaires_are_written_once_and_never_overwritten() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("forms");
    let client = blank_client(&catalog);
    let forms = [form("山田/一郎", Role::Owner), form("CON", Role::Employee)];
    let written = write_questionnaires(&catalog, &client, &forms, &out, today()).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, file_names(&forms));
    assert_eq!(
        names,
        ["自社診断_回答用_山田一郎.xlsx", "自社診断_回答用__CON.xlsx"]
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        fs::metadata(&written[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A second run refuses and leaves the (maybe filled) files alone.
    fs::write(&written[1], b"filled").unwrap();
    let again = write_questionnaires(&catalog, &client, &forms, &out, today());
    assert!(again.is_err());
    assert_eq!(fs::read(&written[1]).unwrap(), b"filled");
    // No respondent: one blank form.
    let blank =
        write_questionnaires(&catalog, &client, &[], &dir.path().join("b"), today()).unwrap();
    assert!(blank[0].ends_with("自社診断_回答用_未記入.xlsx"));
}

#[test]
fn paths_complete_to_folders_and_spreadsheets() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("回答")).unwrap();
    for f in [
        "自社診断_回答用_山田.xlsx",
        "自社診断_回答用_鈴木.xlsx",
        "memo.txt",
        ".hidden.xlsx",
    ] {
        fs::write(dir.path().join(f), b"").unwrap();
    }
    let base = format!("{}/", dir.path().display());
    let all = complete_path(&base);
    assert_eq!(
        all,
        [
            format!("{base}回答/"),
            format!("{base}自社診断_回答用_山田.xlsx"),
            format!("{base}自社診断_回答用_鈴木.xlsx"),
        ]
    );
    let some = complete_path(&format!("{base}自社"));
    assert_eq!(some.len(), 2);
    assert_eq!(
        bansou::import::common_prefix(&some),
        format!("{base}自社診断_回答用_")
    );
    assert_eq!(
        complete_path(&format!("{base}.h")),
        [format!("{base}.hidden.xlsx")]
    );
    assert!(complete_path(&format!("{base}nothing")).is_empty());
    assert!(complete_path("/no/such/folder/x").is_empty());
}

// The command line, run as a user would.

const BIN: &str = env!("CARGO_BIN_EXE_bansou");

fn bansou(data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env("BANSOU_DATA_DIR", data)
        .env("BANSOU_CONFIG_DIR", data.join("no-config"))
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_writes_questionnaires_imports_them_and_refuses_while_the_client_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (code, id, _) = bansou(&data, &["new", "--name", SAMPLE_NAME, "--id", "sakura"]);
    assert_eq!((code, id.trim()), (Some(0), "sakura"));
    let out = dir.path().join("forms");
    let out_s = out.to_str().unwrap();
    let (code, stdout, stderr) = bansou(
        &data,
        &[
            "questionnaire",
            "sakura",
            "--out",
            out_s,
            "--respondent",
            "山田 一郎:経営者",
            "--respondent",
            "鈴木 花子:管理者",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let files: Vec<&str> = stdout.lines().collect();
    assert_eq!(files.len(), 2);
    assert!(
        files[0].ends_with("自社診断_回答用_山田 一郎.xlsx"),
        "{stdout}"
    );
    let (code, _, stderr) = bansou(
        &data,
        &[
            "questionnaire",
            "sakura",
            "--out",
            out_s,
            "--respondent",
            "x:社長",
        ],
    );
    assert_eq!(code, Some(2), "bad role is bad usage: {stderr}");

    let filled: Vec<PathBuf> = files
        .iter()
        .map(|f| {
            let p = PathBuf::from(f);
            let bytes = fill(
                &fs::read(&p).unwrap(),
                &ANSWERS,
                &[(4, "共有フォルダは全員が見られる")],
            );
            fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let paths: Vec<&str> = filled.iter().map(|p| p.to_str().unwrap()).collect();

    // While the client is open elsewhere nothing is imported, and it says who holds it.
    let store = Store::new(&data);
    let held = store.open("sakura").unwrap();
    let mut args = vec!["import", "sakura"];
    args.extend(&paths);
    let (code, _, stderr) = bansou(&data, &args);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("open elsewhere") && stderr.contains("pid"),
        "{stderr}"
    );
    drop(held);
    assert!(
        store
            .load("sakura")
            .unwrap()
            .client
            .diagnosis
            .respondents
            .is_empty()
    );

    let (code, stdout, stderr) = bansou(&data, &args);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].ends_with("山田 一郎（経営者）: 回答 24/25、わからない 3、コメント 1"),
        "{stdout}"
    );
    let client = store.load("sakura").unwrap().client;
    assert_eq!(client.diagnosis.respondents.len(), 2);

    // Again: refused (exit 1), one line per file, the data unchanged.
    let (code, stdout, stderr) = bansou(&data, &args);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.lines().count(), 2);
    assert!(
        stdout.contains("--replace") && stderr.contains("2 of 2 refused; nothing was imported"),
        "{stdout}{stderr}"
    );
    assert_eq!(store.load("sakura").unwrap().client, client);
    // A folder stands for the questionnaires in it.
    let (code, stdout, stderr) = bansou(&data, &["import", "sakura", out_s, "--replace"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.matches("（置き換え）").count(), 2, "{stdout}");
    let (_, summary, _) = bansou(&data, &["open", "sakura"]);
    assert!(summary.contains("自社診断 山田 一郎 (経営者)"), "{summary}");
}

// Files written by a real spreadsheet program: LibreOffice Calc 7.4 opened
// and saved them (see tests/fixtures/README.md). They stay readable
// whatever the writer does later: such files come back from the field.

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn pattern(p: &str) -> [Answer; 25] {
    let v: Vec<Answer> = p
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'D' => Answer::Done,
            'P' => Answer::Partly,
            'N' => Answer::NotDone,
            'K' => Answer::DontKnow,
            _ => Answer::Unanswered,
        })
        .collect();
    v.try_into().unwrap()
}

#[test]
fn a_questionnaire_saved_by_libreoffice_imports() {
    let catalog = catalog();
    let mut client = blank_client(&catalog);
    let lines = import(
        &mut client,
        &[&fixture("questionnaire_libreoffice.xlsx")],
        false,
    );
    assert!(lines[0].imported(), "{}", lines[0]);
    let r = &client.diagnosis.respondents[0];
    assert_eq!((r.name.as_str(), r.role), ("小川 彩", Role::Employee));
    assert_eq!(r.answers, pattern("DDPKP DDPKDKPPNPPDD DNKKK_P"));
    assert_eq!(
        review(&client.diagnosis, 14).unwrap().notes,
        "【小川 彩（従業員）】現場のPCはロックしていない"
    );
}

#[test]
fn our_results_workbook_corrected_and_saved_by_libreoffice_imports_keeping_comments() {
    let catalog = catalog();
    let mut client = blank_client(&catalog);
    import(
        &mut client,
        &[&fixture("questionnaire_libreoffice.xlsx")],
        false,
    );
    let notes = client.diagnosis.items.clone();
    // 小川's Q24 was blank and was set to 実施していない before saving.
    let lines = import(&mut client, &[&fixture("diagnosis_libreoffice.xlsx")], true);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().all(FileLine::imported), "{lines:?}");
    let rs = &client.diagnosis.respondents;
    let got: Vec<(&str, Role)> = rs.iter().map(|r| (r.name.as_str(), r.role)).collect();
    assert_eq!(
        got,
        [
            ("小川 彩", Role::Employee),
            ("桜井 恭平", Role::Owner),
            ("高野 真理子", Role::Manager)
        ]
    );
    assert_eq!(rs[0].answers, pattern("DDPKP DDPKDKPPNPPDD DNKKKNP"));
    assert_eq!(rs[1].answers, pattern("DDDDD DDPDDDPDDDDDD DNPDPNP"));
    assert_eq!(rs[2].answers, pattern("DDPPP DDPDDPPNPPNDD DNPPPNP"));
    assert_eq!(
        client.diagnosis.items, notes,
        "a sheet without comments keeps them"
    );
}

#[test]
fn a_questionnaire_cut_anywhere_is_refused_without_a_panic() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let ok = good(&catalog);
    let step = ok.len() / 60;
    for cut in (1..ok.len()).step_by(step) {
        let p = write(dir.path(), "cut.xlsx", &ok[..cut]);
        let mut client = blank_client(&catalog);
        let lines = import(&mut client, &[&p], false);
        assert!(!lines[0].imported(), "cut at {cut} of {}", ok.len());
        assert!(client.diagnosis.respondents.is_empty());
    }
    // Bytes flipped inside: refused or, when the damage missed what is read,
    // the same answers — never a different respondent.
    for at in (100..ok.len()).step_by(step) {
        let mut bad = ok.clone();
        bad[at] ^= 0x5A;
        let p = write(dir.path(), "flipped.xlsx", &bad);
        let mut client = blank_client(&catalog);
        let lines = import(&mut client, &[&p], false);
        if lines[0].imported() {
            assert_eq!(client.diagnosis.respondents[0].answers, expected(&ANSWERS));
        }
    }
}
