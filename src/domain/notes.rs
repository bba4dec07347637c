//! Rules on a session's quick notes: which kind the list shows, how a search
//! matches, and the time a note's clock is corrected to.

use chrono::{NaiveDate, NaiveTime};
use unicode_normalization::UnicodeNormalization;

use super::model::{Note, NoteKind, Stamp};
use super::parse::parse_time;

/// The kinds the notes list cycles through, all first, then 依頼事項 (the
/// one looked for most: one press from all), 決定事項, 課題, メモ.
pub const FILTERS: [Option<NoteKind>; 5] = [
    None,
    Some(NoteKind::Request),
    Some(NoteKind::Decision),
    Some(NoteKind::Issue),
    Some(NoteKind::Note),
];

/// The filter after `now` (back to all after the last kind).
pub fn next_filter(now: Option<NoteKind>) -> Option<NoteKind> {
    let i = FILTERS.iter().position(|f| *f == now).unwrap_or(0);
    FILTERS[(i + 1) % FILTERS.len()]
}

/// Text folded for searching: NFKC (full-width ＡＢＣ and half-width ｶﾀｶﾅ
/// as their usual forms), lower case, and hiragana as katakana, so that
/// みつもり finds ミツモリ and ﾐﾂﾓﾘ; line breaks count as spaces.
pub fn fold(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // ぁ..ゖ and ゝゞ map 0x60 up to their katakana.
            'ぁ'..='ゖ' | 'ゝ' | 'ゞ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect()
}

/// A search of the notes: every word of the query (split at spaces), folded.
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(query: &str) -> Search {
        Search {
            words: fold(query).split_whitespace().map(str::to_owned).collect(),
        }
    }

    /// Whether `note` shows under `filter` and this search: every word in its
    /// text or its agenda item's title.
    pub fn shows(&self, note: &Note, filter: Option<NoteKind>) -> bool {
        if filter.is_some_and(|k| k != note.kind) {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let hay = format!(
            "{} {}",
            fold(&note.text),
            fold(note.item.as_deref().unwrap_or(""))
        );
        self.words.iter().all(|w| hay.contains(w.as_str()))
    }
}

/// The time a note's stamp is corrected to: `text` as a time of day (13:42,
/// １３：４２, 13時42分) on the session's date, or on the note's own date
/// when the session has none, in the UTC offset the note was stamped in.
/// Blank or unreadable text says how to write it.
pub fn note_time(text: &str, session_date: Option<NaiveDate>, was: Stamp) -> Result<Stamp, String> {
    let t: NaiveTime = parse_time(text)
        .map_err(|_| {
            format!(
                "時刻は 13:42 の形で入力します（「{}」は読めません）",
                text.trim()
            )
        })?
        .ok_or("時刻を 13:42 の形で入力します")?;
    let day = session_date.unwrap_or(was.date_naive());
    Ok(super::clock::on(day, t, &was))
}

/// The agenda item after `now` among `titles`, for cycling a note's item:
/// each title in turn, then none (no item), then the first again.
pub fn next_item(now: Option<&str>, titles: &[&str]) -> Option<String> {
    // A title no longer in the agenda, or none: start at the first.
    let next = now
        .and_then(|t| titles.iter().position(|x| *x == t))
        .map_or(0, |i| i + 1);
    titles.get(next).map(|t| (*t).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(kind: NoteKind, text: &str) -> Note {
        crate::domain::testing::notes(&[(kind, text)]).remove(0)
    }

    fn shows(n: &Note, f: Option<NoteKind>, q: &str) -> bool {
        Search::new(q).shows(n, f)
    }

    #[test]
    fn filters_cycle_through_every_kind_and_back_to_all() {
        let mut f = None;
        let mut seen = vec![f];
        for _ in 0..5 {
            f = next_filter(f);
            seen.push(f);
        }
        assert_eq!(seen[1], Some(NoteKind::Request), "one press: requests");
        assert_eq!(seen[5], None, "five presses: all again");
        for k in NoteKind::ALL {
            assert!(seen.contains(&Some(k)), "{k:?} never shown");
        }
        let n = note(NoteKind::Issue, "x");
        assert!(shows(&n, None, ""));
        assert!(shows(&n, Some(NoteKind::Issue), ""));
        assert!(!shows(&n, Some(NoteKind::Request), ""));
    }

    #[test]
    fn search_folds_width_case_kana_and_normalisation() {
        let n = note(NoteKind::Note, "ＵＳＢメモリの持ち出し\nミツモリ再送");
        assert!(shows(&n, None, "usb"));
        assert!(shows(&n, None, "ﾒﾓﾘ"), "half-width katakana");
        assert!(shows(&n, None, "みつもり"), "hiragana finds katakana");
        assert!(shows(&n, None, "持ち出し ミツ"), "every word, anywhere");
        assert!(shows(&n, None, "出し ミツ"), "across the line break");
        assert!(!shows(&n, None, "持ち出し 廃棄"));
        assert!(shows(&n, None, "診断"), "the agenda item's title counts");
        assert!(shows(&n, None, "  "), "a blank query shows all");
        // が written as か + combining mark (NFD) finds が.
        let g = note(NoteKind::Note, "がいぶ");
        assert!(shows(&g, None, "か\u{3099}い"));
        // A filter and a query together.
        assert!(!shows(&n, Some(NoteKind::Request), "usb"));
    }

    #[test]
    fn note_time_is_on_the_session_date_and_checked() {
        use crate::domain::clock::jst;
        let was = jst(NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(13, 5, 0)
            .unwrap());
        let day = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        let t = note_time("14:07", Some(day), was).unwrap();
        assert_eq!(t, jst(day.and_hms_opt(14, 7, 0).unwrap()));
        assert_eq!(t.offset(), was.offset(), "in the note's offset");
        let t = note_time("１３：４２", None, was).unwrap();
        assert_eq!(t, jst(was.date_naive().and_hms_opt(13, 42, 0).unwrap()));
        assert_eq!(
            note_time("9時", None, was).unwrap().time(),
            NaiveTime::from_hms_opt(9, 0, 0).unwrap()
        );
        assert!(note_time("", Some(day), was).unwrap_err().contains("13:42"));
        assert!(
            note_time("25:00", Some(day), was)
                .unwrap_err()
                .contains("25:00")
        );
        assert!(note_time("昼", Some(day), was).is_err());
        assert_eq!(
            note_time("23:59", Some(day), was)
                .unwrap()
                .time()
                .to_string(),
            "23:59:00"
        );
    }

    #[test]
    fn items_cycle_through_the_titles_then_none() {
        let titles = ["導入", "ヒアリング", "休憩"];
        assert_eq!(next_item(None, &titles).as_deref(), Some("導入"));
        assert_eq!(
            next_item(Some("導入"), &titles).as_deref(),
            Some("ヒアリング")
        );
        assert_eq!(next_item(Some("休憩"), &titles), None);
        assert_eq!(
            next_item(Some("消えた議題"), &titles).as_deref(),
            Some("導入")
        );
        assert_eq!(next_item(None, &[]), None);
    }
}
