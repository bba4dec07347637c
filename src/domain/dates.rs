//! Dates typed by hand (制定日, 公開日, 実施期限): the forms people actually
//! type, including full-width digits from a Japanese input method.

use chrono::{Datelike, Months, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// A date as shown on screen: `2026-12-02（水）` (the weekday in Japanese,
/// as in the exports).
pub fn on_screen(d: NaiveDate) -> String {
    const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
    format!("{}（{wd}）", d.format("%Y-%m-%d"))
}

/// Parses a date as typed: `2027-03-31`, `2027/3/31`, `2027.3.31`,
/// `20270331`, `2027年3月31日`, with half- or full-width digits. A year and
/// month alone (`2027-03`, `2027年3月`, `2027年3月末`) means the last day of
/// that month, as plan deadlines are usually given. Empty text is `None`.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t: String = text.nfkc().collect::<String>().trim().to_owned();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || format!("日付は 2027-03-31 または 2027/3/31 の形で入力します（{text}）");
    let digits_only = t.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<u32> = if digits_only && t.len() == 8 {
        vec![
            t[0..4].parse().map_err(|_| bad())?,
            t[4..6].parse().map_err(|_| bad())?,
            t[6..8].parse().map_err(|_| bad())?,
        ]
    } else {
        let cleaned = t.trim_end_matches(['日', '末', '月']);
        let mut parts = Vec::new();
        for p in cleaned.split(['-', '/', '.', '年', '月']) {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4 {
                return Err(bad());
            }
            parts.push(p.parse().map_err(|_| bad())?);
        }
        parts
    };
    let date = match parts[..] {
        [y, m, d] if y >= 1000 => NaiveDate::from_ymd_opt(y as i32, m, d),
        [y, m] if y >= 1000 => month_end(y as i32, m),
        _ => None,
    };
    date.map(Some).ok_or_else(bad)
}

/// Last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// `today` plus `months`, clamped to the end of a shorter month.
pub fn add_months(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `2027年3月31日`, as printed in documents.
pub fn japanese(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_on_screen_has_its_japanese_weekday() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(on_screen(d(2026, 12, 2)), "2026-12-02（水）");
        assert_eq!(on_screen(d(2026, 11, 29)), "2026-11-29（日）");
        assert_eq!(on_screen(d(2026, 11, 30)), "2026-11-30（月）");
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_usual_ways_of_writing_a_date_parse() {
        for text in [
            "2027-03-31",
            "2027/3/31",
            "2027.03.31",
            "20270331",
            "2027年3月31日",
            " ２０２７／３／３１ ",
            "２０２７年３月３１日",
        ] {
            assert_eq!(parse_date(text), Ok(d(2027, 3, 31)), "{text}");
        }
    }

    #[test]
    fn a_month_alone_is_its_last_day() {
        assert_eq!(parse_date("2027-02"), Ok(d(2027, 2, 28)));
        assert_eq!(parse_date("2028/2"), Ok(d(2028, 2, 29)));
        assert_eq!(parse_date("2027年3月末"), Ok(d(2027, 3, 31)));
        assert_eq!(parse_date("2027年12月"), Ok(d(2027, 12, 31)));
    }

    #[test]
    fn empty_is_none_and_nonsense_is_refused() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("   "), Ok(None));
        for bad in [
            "2027-02-30",
            "2027-13-01",
            "27-3-31",
            "来年3月",
            "2027--03",
            "2027-3-31-1",
            "202703310",
            "3/31",
            "2027-3-x",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.contains(bad.trim()), "{bad}: {e}");
        }
    }

    #[test]
    fn months_are_added_and_printed() {
        let t = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
        assert_eq!(Some(add_months(t, 6)), d(2027, 2, 28));
        assert_eq!(Some(add_months(t, 24)), d(2028, 8, 31));
        assert_eq!(month_end(2026, 13), None);
        assert_eq!(japanese(t), "2026年8月31日");
    }
}
