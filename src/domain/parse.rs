//! Text typed by hand turned into values: amounts of money (3000万円),
//! head counts (42人), attendee lists, times of day. Dates are
//! `dates::parse_date`, the one date parser.

use chrono::NaiveTime;
use unicode_normalization::UnicodeNormalization;

use super::model::Attendee;

/// `text` in NFKC without the separators and units in `drop`; `None` when
/// nothing is left.
fn without(text: &str, drop: &[char]) -> Option<String> {
    let t: String = text.nfkc().filter(|c| !drop.contains(c)).collect();
    (!t.is_empty()).then_some(t)
}

/// Parses an amount of yen: `3000万円`, `1億5000万`, `5千万`, `30,000,000`,
/// full-width digits. `Some(None)` for a blank field, `None` when unreadable.
pub fn parse_yen(text: &str) -> Option<Option<u64>> {
    let Some(t) = without(text, &[',', ' ', '円', '、', '\u{3000}']) else {
        return Some(None);
    };
    let (mut total, mut section) = (0f64, 0f64);
    let mut num = String::new();
    let take = |num: &mut String| -> Option<Option<f64>> {
        if num.is_empty() {
            return Some(None);
        }
        let v = num.parse::<f64>().ok()?;
        num.clear();
        Some(Some(v))
    };
    for c in t.chars() {
        match c {
            '0'..='9' | '.' => num.push(c),
            '千' | '百' => {
                let unit = if c == '千' { 1e3 } else { 1e2 };
                section += take(&mut num)?.unwrap_or(1.0) * unit;
            }
            '万' | '億' => {
                let unit = if c == '万' { 1e4 } else { 1e8 };
                let n = take(&mut num)?;
                let base = match n {
                    Some(v) => section + v,
                    None if section > 0.0 => section,
                    None => 1.0,
                };
                total += base * unit;
                section = 0.0;
            }
            _ => return None,
        }
    }
    total += section + take(&mut num)?.unwrap_or(0.0);
    (0.0..1e19)
        .contains(&total)
        .then(|| Some(total.round() as u64))
}

/// Parses a head count: `42`, `４２人`, `42名`. `Some(None)` for a blank field.
pub fn parse_count(text: &str) -> Option<Option<u32>> {
    let Some(t) = without(text, &[',', ' ', '人', '名', '\u{3000}']) else {
        return Some(None);
    };
    t.parse().ok().map(Some)
}

/// Attendees as one line to edit: `山田/社長、佐藤/総務` (what
/// `parse_attendees` reads back).
pub fn attendees_text(a: &[Attendee]) -> String {
    attendees_line(a, |x| format!("{}/{}", x.name, x.role))
}

/// Attendees as one line to show: `山田(社長)、佐藤(総務)`.
pub fn attendees_shown(a: &[Attendee]) -> String {
    attendees_line(a, |x| format!("{}({})", x.name, x.role))
}

fn attendees_line(a: &[Attendee], with_role: impl Fn(&Attendee) -> String) -> String {
    a.iter()
        .map(|x| {
            if x.role.is_empty() {
                x.name.clone()
            } else {
                with_role(x)
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Attendees typed as `氏名/役職` separated by 、 or commas.
pub fn parse_attendees(text: &str) -> Vec<Attendee> {
    text.split(['、', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('/') {
            Some((n, r)) => Attendee {
                name: n.trim().into(),
                role: r.trim().into(),
            },
            None => Attendee {
                name: s.into(),
                role: String::new(),
            },
        })
        .collect()
}

/// A time of day typed as `13:30` (also full-width, or `13時30分`); empty
/// text is `None`.
pub fn parse_time(text: &str) -> Result<Option<NaiveTime>, String> {
    let t: String = text.nfkc().collect::<String>().trim().to_owned();
    if t.is_empty() {
        return Ok(None);
    }
    let t = t.replace('時', ":").replace('分', "");
    let t = if t.ends_with(':') {
        format!("{t}00")
    } else {
        t
    };
    NaiveTime::parse_from_str(&t, "%H:%M")
        .map(Some)
        .map_err(|_| format!("時刻は 13:30 の形で入力します（{text}）"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::eligibility::yen;

    #[test]
    fn yen_is_read_the_way_people_write_it() {
        assert_eq!(parse_yen(""), Some(None));
        assert_eq!(parse_yen("  "), Some(None));
        assert_eq!(parse_yen("30000000"), Some(Some(30_000_000)));
        assert_eq!(parse_yen("30,000,000円"), Some(Some(30_000_000)));
        assert_eq!(parse_yen("3000万円"), Some(Some(30_000_000)));
        assert_eq!(parse_yen("３０００万"), Some(Some(30_000_000)));
        assert_eq!(parse_yen("3億"), Some(Some(300_000_000)));
        assert_eq!(parse_yen("1億5000万円"), Some(Some(150_000_000)));
        assert_eq!(parse_yen("1.5億"), Some(Some(150_000_000)));
        assert_eq!(parse_yen("5千万"), Some(Some(50_000_000)));
        assert_eq!(parse_yen("億"), Some(Some(100_000_000)));
        assert_eq!(parse_yen("三千万"), None);
        assert_eq!(parse_yen("abc"), None);
        assert_eq!(parse_yen("1..2万"), None);
    }

    #[test]
    fn head_counts_accept_units_and_full_width_digits() {
        assert_eq!(parse_count("42"), Some(Some(42)));
        assert_eq!(parse_count("４２人"), Some(Some(42)));
        assert_eq!(parse_count("300名"), Some(Some(300)));
        assert_eq!(parse_count(""), Some(None));
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("多数"), None);
    }

    #[test]
    fn the_formatted_capital_reads_back_as_the_same_amount() {
        for v in [
            1u64,
            12_345,
            50_000_000,
            150_000_000,
            300_000_000,
            123_456_789,
        ] {
            assert_eq!(parse_yen(&yen(v)), Some(Some(v)), "{}", yen(v));
        }
    }

    #[test]
    fn times_and_attendees_read_as_typed() {
        let t = |h, m| Some(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(parse_time("13:30"), Ok(t(13, 30)));
        assert_eq!(parse_time("１３：４２"), Ok(t(13, 42)));
        assert_eq!(parse_time("9時"), Ok(t(9, 0)));
        assert_eq!(parse_time(""), Ok(None));
        assert!(parse_time("25:00").is_err());
        let a = parse_attendees("山田/社長、佐藤, 鈴木/総務");
        assert_eq!(attendees_text(&a), "山田/社長、佐藤、鈴木/総務");
        assert_eq!(attendees_shown(&a), "山田(社長)、佐藤、鈴木(総務)");
    }
}
