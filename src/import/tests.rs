use super::*;

#[test]
fn common_prefix_stops_at_the_first_difference_on_a_character_boundary() {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(common_prefix(&v(&[])), "");
    assert_eq!(common_prefix(&v(&["回答_山田.xlsx"])), "回答_山田.xlsx");
    assert_eq!(common_prefix(&v(&["回答_山田", "回答_鈴木"])), "回答_");
    assert_eq!(common_prefix(&v(&["abc", "ab", "abd"])), "ab");
    // 山 and 岡 share their first UTF-8 byte: the prefix must not split it.
    assert_eq!(common_prefix(&v(&["x山", "x岡"])), "x");
}

#[test]
fn a_line_names_the_file_the_sheet_and_the_outcome() {
    let ok = FileLine {
        path: PathBuf::from("a.xlsx"),
        sheet: Some("2_鈴木".into()),
        result: Ok("鈴木（管理者）: 回答 25/25、わからない 0、コメント 0".into()),
    };
    assert_eq!(
        ok.to_string(),
        "a.xlsx [2_鈴木]: 鈴木（管理者）: 回答 25/25、わからない 0、コメント 0"
    );
    let refused = FileLine {
        path: PathBuf::from("b.csv"),
        sheet: None,
        result: Err(Refusal::Unreadable("空のファイルです".into())),
    };
    assert!(!refused.imported());
    assert_eq!(
        refused.to_string(),
        "b.csv: 取り込みませんでした — 空のファイルです"
    );
}

#[test]
fn a_directory_or_a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(read_file(dir.path()).unwrap_err().contains("フォルダ"));
    assert!(
        read_file(&dir.path().join("none.xlsx"))
            .unwrap_err()
            .contains("開けません")
    );
}

#[test]
fn a_folder_stands_for_the_spreadsheets_in_it() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "b.xlsx", "a.csv", "c.XLSX", "~$b.xlsx", ".x.csv", "memo.txt",
    ] {
        std::fs::write(dir.path().join(f), b"").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub.xlsx")).unwrap();
    let other = PathBuf::from("/no/such.csv");
    let got = expand_folders(&[dir.path().to_owned(), other.clone()]);
    let names: Vec<String> = got
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.csv", "b.xlsx", "c.XLSX", "such.csv"]);
    assert_eq!(got[3], other);
}

#[test]
fn refusals_say_what_to_do() {
    let e = Refusal::Exists {
        who: "山田（経営者）".into(),
    };
    assert!(e.to_string().contains("--replace"));
    let u = Refusal::Unnamed {
        sheet: Some("2_山田".into()),
    };
    assert!(
        u.to_string()
            .starts_with("シート「2_山田」: 回答者名か立場が空です")
    );
    assert!(u.to_string().contains("--respondent"));
    let t = Refusal::Twice {
        who: "山田（経営者）".into(),
        other: PathBuf::from("a.xlsx"),
    };
    assert_eq!(
        t.to_string(),
        "山田（経営者） は同じ取り込みの a.xlsx にもいます"
    );
}
