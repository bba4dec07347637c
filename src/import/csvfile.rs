//! Reading answers from CSV: `no,answer[,comment]`, one item a line, with an
//! optional `回答者,NAME,ROLE` line and an optional column-header line. The
//! text may be UTF-8 (with or without BOM) or Shift_JIS/CP932, as Excel on
//! Japanese Windows saves `CSV (コンマ区切り)`.

use encoding_rs::{SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};
use unicode_normalization::UnicodeNormalization;

use crate::domain::intake::{Intake, answer_choices, clean_text, parse_answer, parse_role};
use crate::domain::model::{DIAGNOSIS_ITEMS, Role};

/// The first field of the line that names the respondent.
pub const WHO: [&str; 2] = ["回答者", "回答者名"];

/// The text of a CSV file: UTF-8 (a BOM is dropped), else Shift_JIS (CP932).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes)
        && (enc == UTF_16LE || enc == UTF_16BE)
    {
        return Err(
            "UTF-16 のテキストは読めません。Excel では「CSV UTF-8（コンマ区切り）」で保存してください"
                .into(),
        );
    }
    if bytes.contains(&0) {
        return Err("テキストのファイルではありません（CSV を指定してください）".into());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(body) {
        return Ok(text.into_owned());
    }
    SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|t| t.into_owned())
        .ok_or_else(|| "文字コードが UTF-8 でも Shift_JIS でもありません".into())
}

fn is_header(first: &str) -> bool {
    matches!(
        first.to_lowercase().as_str(),
        "no" | "no." | "no．" | "番号" | "設問" | "設問番号"
    )
}

/// The respondent in a CSV text, or why it is refused (naming the line and field).
pub fn read(text: &str) -> Result<Intake, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut intake = Intake::default();
    let mut seen: [Option<u64>; DIAGNOSIS_ITEMS] = [None; DIAGNOSIS_ITEMS];
    let mut named_at: Option<u64> = None;
    let mut items = 0;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!("{line} 行目: CSV として読めません: {e}")
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<String> = record.iter().map(clean_text).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        let first = fields[0].trim_start_matches('\u{FEFF}');
        if WHO.contains(&first) {
            if let Some(at) = named_at {
                return Err(format!(
                    "{line} 行目: 回答者の行が2つあります（{at} 行目にも）"
                ));
            }
            named_at = Some(line);
            intake.name = fields.get(1).cloned().unwrap_or_default();
            let role = fields.get(2).map(String::as_str).unwrap_or("");
            if !role.is_empty() {
                intake.role = Some(parse_role(role).ok_or_else(|| {
                    format!(
                        "{line} 行目 3 列目: 立場「{role}」は {} のどれでもありません",
                        Role::ALL.map(Role::label).join("・")
                    )
                })?);
            }
            continue;
        }
        if is_header(first) {
            continue;
        }
        // Full-width digits (typed with the IME on) count as digits.
        let digits: String = first.nfkc().collect();
        let no: usize = digits
            .parse()
            .ok()
            .filter(|n| (1..=DIAGNOSIS_ITEMS).contains(n))
            .ok_or_else(|| {
                format!("{line} 行目 1 列目: 「{first}」は設問番号（1〜{DIAGNOSIS_ITEMS}）ではありません（各行は 番号,回答,コメント）")
            })?;
        if let Some(at) = seen[no - 1] {
            return Err(format!(
                "{line} 行目: 設問 {no} が2回あります（{at} 行目にも）"
            ));
        }
        seen[no - 1] = Some(line);
        if let Some((k, _)) = fields
            .iter()
            .enumerate()
            .skip(3)
            .find(|(_, f)| !f.is_empty())
        {
            return Err(format!(
                "{line} 行目 {} 列目: 列が多すぎます（各行は 番号,回答,コメント）",
                k + 1
            ));
        }
        let raw = fields.get(1).map(String::as_str).unwrap_or("");
        intake.answers[no - 1] = parse_answer(raw).ok_or_else(|| {
            format!(
                "{line} 行目 2 列目: 「{raw}」は回答の選択肢（{}）にありません",
                answer_choices()
            )
        })?;
        if let Some(c) = fields.get(2).filter(|c| !c.is_empty()) {
            intake.comments.push((no as u8, c.clone()));
        }
        items += 1;
    }
    if items == 0 {
        return Err("設問の行（番号,回答,コメント）がありません".into());
    }
    intake.comments.sort_by_key(|(no, _)| *no);
    Ok(intake)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Answer;

    #[test]
    fn utf8_with_and_without_bom_and_shift_jis_decode_alike() {
        let text = "回答者,山田 太郎,経営者\n1,実施している,\n";
        let (sjis, _, bad) = SHIFT_JIS.encode(text);
        assert!(!bad);
        assert_ne!(&sjis[..], text.as_bytes());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for bytes in [text.as_bytes(), &bom[..], &sjis[..]] {
            assert_eq!(decode(bytes).unwrap(), text);
        }
        assert!(decode(b"\xFF\xFEa\x00").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0").is_err());
        assert!(decode(b"\x82").is_err(), "a cut Shift_JIS character");
        // CP932 as Windows writes it: the NEC and IBM extensions decode too.
        let (ext, _, bad) = SHIFT_JIS.encode("髙橋①");
        assert!(!bad);
        assert_eq!(decode(&ext).unwrap(), "髙橋①");
    }

    #[test]
    fn lines_give_answers_comments_and_the_respondent() {
        let i = read(
            "回答者,山田,経営者\r\nno,answer,comment\r\n1,実施している,\r\n3,わからない,\"付箋, 壁\"\r\n\r\n25,,未記入でも可\r\n",
        )
        .unwrap();
        assert_eq!(i.name, "山田");
        assert_eq!(i.role, Some(Role::Owner));
        assert_eq!(i.answers[0], Answer::Done);
        assert_eq!(i.answers[1], Answer::Unanswered);
        assert_eq!(i.answers[2], Answer::DontKnow);
        assert_eq!(i.answered(), 2);
        assert_eq!(
            i.comments,
            vec![(3, "付箋, 壁".into()), (25, "未記入でも可".into())]
        );
    }

    #[test]
    fn bad_lines_are_refused_with_their_place() {
        let cases = [
            ("1,はい\n", "1 行目 2 列目"),
            ("1,実施している\n26,実施している\n", "2 行目 1 列目"),
            ("x,実施している\n", "「x」"),
            ("1,実施している\n1,実施していない\n", "設問 1 が2回"),
            ("1,実施している,a,b\n", "4 列目"),
            ("回答者,山田,社長\n1,実施している\n", "立場「社長」"),
            ("回答者,山田\n", "設問の行"),
            ("", "設問の行"),
        ];
        for (text, expect) in cases {
            let e = read(text).unwrap_err();
            assert!(e.contains(expect), "{text:?}: {e}");
        }
        // Trailing empty fields, as Excel writes them, are fine.
        assert!(read("1,実施している,,,\n").is_ok());
        let wide = read("１２,わからない\n").unwrap();
        assert_eq!(wide.answers[11], Answer::DontKnow);
    }
}
