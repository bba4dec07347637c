//! Upgrades of older `client.toml` layouts to the current one.
//!
//! Layout history:
//! - 1: the first format. The profile held `staff` (regular employees) and
//!   `capital_man_yen` (capital in units of 10,000 yen, as many paper forms ask).
//! - 2: `employees` and `capital_yen` (plain yen), matching the eligibility table.
//! - 3: every recorded moment (`created_at`, a session's `paused_at` and
//!   `completed_at`, an item's `started_at`/`ended_at`, a note's `at`) carries
//!   its UTC offset (`2026-12-02T13:30:00+09:00`). Older files held the local
//!   wall-clock time without one; it is read as this machine's local time.
//! - 4: no `policy.representative`: the policy is signed by the profile's
//!   representative (one source of truth). A representative entered only in
//!   the policy moves into an empty `profile.representative`.

use chrono::{NaiveDateTime, TimeZone};
use toml::{Table, Value};

use crate::domain::model::Stamp;

use crate::domain::model::SCHEMA_VERSION;

/// Oldest layout this binary can upgrade.
pub const OLDEST: u32 = 1;

/// Upgrades `doc` from `from` to [`SCHEMA_VERSION`]; an error names the key that could not be moved.
pub fn migrate(doc: &mut Table, from: u32) -> Result<(), String> {
    let mut v = from;
    while v < SCHEMA_VERSION {
        match v {
            1 => v1_to_v2(doc)?,
            2 => v2_to_v3(doc, &|t| {
                chrono::Local
                    .from_local_datetime(&t)
                    .earliest()
                    .map(|l| l.fixed_offset())
            })?,
            3 => v3_to_v4(doc)?,
            _ => return Err(format!("no upgrade from schema_version {v}")),
        }
        v += 1;
    }
    doc.insert(
        "schema_version".into(),
        Value::Integer(i64::from(SCHEMA_VERSION)),
    );
    Ok(())
}

fn v1_to_v2(doc: &mut Table) -> Result<(), String> {
    let Some(profile) = doc.get_mut("profile").and_then(Value::as_table_mut) else {
        return Ok(());
    };
    if let Some(staff) = profile.remove("staff") {
        profile.insert("employees".into(), staff);
    }
    if let Some(man) = profile.remove("capital_man_yen") {
        let yen = man
            .as_integer()
            .and_then(|m| m.checked_mul(10_000))
            .ok_or("profile.capital_man_yen: expected a whole number of 万円")?;
        profile.insert("capital_yen".into(), Value::Integer(yen));
    }
    Ok(())
}

/// Gives each recorded moment its offset: `local` says which moment a naive
/// wall-clock time was (None: it did not exist there, e.g. in a DST gap).
fn v2_to_v3(doc: &mut Table, local: &dyn Fn(NaiveDateTime) -> Option<Stamp>) -> Result<(), String> {
    let fix = |t: &mut Table, key: &str, place: &str| -> Result<(), String> {
        let Some(v) = t.get(key) else {
            return Ok(());
        };
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Datetime(d) => d.to_string(),
            _ => return Err(format!("{place}{key}: expected a date and time")),
        };
        if chrono::DateTime::parse_from_rfc3339(&text).is_ok() {
            return Ok(()); // already has an offset
        }
        let naive = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S%.f"))
            .map_err(|_| format!("{place}{key}: {text:?} is not a date and time"))?;
        let at = local(naive).ok_or_else(|| {
            format!("{place}{key}: {text} does not exist in this machine's time zone")
        })?;
        t.insert(key.into(), Value::String(at.to_rfc3339()));
        Ok(())
    };
    fix(doc, "created_at", "")?;
    let Some(sessions) = doc.get_mut("sessions").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for (n, s) in sessions.iter_mut().enumerate() {
        let Some(s) = s.as_table_mut() else { continue };
        let place = format!("sessions[{n}].");
        fix(s, "paused_at", &place)?;
        fix(s, "completed_at", &place)?;
        for (list, keys) in [
            ("agenda", &["started_at", "ended_at"][..]),
            ("notes", &["at"][..]),
        ] {
            let Some(rows) = s.get_mut(list).and_then(Value::as_array_mut) else {
                continue;
            };
            for (i, row) in rows.iter_mut().enumerate() {
                let Some(row) = row.as_table_mut() else {
                    continue;
                };
                for key in keys {
                    fix(row, key, &format!("{place}{list}[{i}]."))?;
                }
            }
        }
    }
    Ok(())
}

fn v3_to_v4(doc: &mut Table) -> Result<(), String> {
    let Some(rep) = doc
        .get_mut("policy")
        .and_then(Value::as_table_mut)
        .and_then(|p| p.remove("representative"))
    else {
        return Ok(());
    };
    let rep = rep
        .as_str()
        .ok_or("policy.representative: expected text")?
        .trim()
        .to_owned();
    if rep.is_empty() {
        return Ok(());
    }
    let profile = doc
        .entry("profile")
        .or_insert_with(|| Value::Table(Table::new()))
        .as_table_mut()
        .ok_or("profile: expected a table")?;
    let empty = profile
        .get("representative")
        .and_then(Value::as_str)
        .is_none_or(|r| r.trim().is_empty());
    if empty {
        profile.insert("representative".into(), Value::String(rep));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_profile_fields_are_renamed_and_converted() {
        let mut doc: Table = toml::from_str(
            "schema_version = 1\n[profile]\nname = \"x\"\nstaff = 12\ncapital_man_yen = 1000\n",
        )
        .unwrap();
        migrate(&mut doc, 1).unwrap();
        let p = doc["profile"].as_table().unwrap();
        assert_eq!(p["employees"].as_integer(), Some(12));
        assert_eq!(p["capital_yen"].as_integer(), Some(10_000_000));
        assert!(!p.contains_key("staff"));
        assert_eq!(
            doc["schema_version"].as_integer(),
            Some(i64::from(SCHEMA_VERSION))
        );
    }

    fn tokyo(t: NaiveDateTime) -> Option<Stamp> {
        Some(crate::domain::clock::jst(t))
    }

    #[test]
    fn v2_naive_times_get_the_local_offset_and_read_as_the_same_wall_clock() {
        let mut doc: Table = toml::from_str(concat!(
            "schema_version = 2\ncreated_at = \"2026-11-01T09:00:00\"\n",
            "[[sessions]]\ncompleted_at = \"2026-11-24T16:31:10\"\n",
            "[[sessions.agenda]]\ntitle = \"a\"\nstarted_at = \"2026-11-24T13:30:00\"\nended_at = \"2026-11-24T13:40:00.5\"\n",
            "[[sessions.notes]]\nat = \"2026-11-24T13:35:00\"\ntext = \"x\"\n",
            "[[sessions]]\npaused_at = \"2026-12-01T10:00:00+09:00\"\n",
        ))
        .unwrap();
        v2_to_v3(&mut doc, &tokyo).unwrap();
        let s0 = &doc["sessions"][0];
        let got = [
            &doc["created_at"],
            &s0["completed_at"],
            &s0["agenda"][0]["started_at"],
            &s0["agenda"][0]["ended_at"],
            &s0["notes"][0]["at"],
            // A time that already has an offset is kept as it is.
            &doc["sessions"][1]["paused_at"],
        ]
        .map(|v| v.as_str().unwrap());
        assert_eq!(
            got,
            [
                "2026-11-01T09:00:00+09:00",
                "2026-11-24T16:31:10+09:00",
                "2026-11-24T13:30:00+09:00",
                "2026-11-24T13:40:00.500+09:00",
                "2026-11-24T13:35:00+09:00",
                "2026-12-01T10:00:00+09:00",
            ]
        );
        // And the whole record reads with the offsets.
        let at: Stamp =
            chrono::DateTime::parse_from_rfc3339(s0["agenda"][0]["started_at"].as_str().unwrap())
                .unwrap();
        assert_eq!(at.format("%H:%M").to_string(), "13:30");
    }

    #[test]
    fn a_v2_time_that_is_not_a_time_or_not_local_is_named() {
        let mut doc: Table =
            toml::from_str("[[sessions]]\n[[sessions.notes]]\nat = \"yesterday\"\n").unwrap();
        let err = v2_to_v3(&mut doc, &tokyo).unwrap_err();
        assert!(err.contains("sessions[0].notes[0].at"), "{err}");
        let mut doc: Table = toml::from_str("created_at = \"2026-03-29T02:30:00\"\n").unwrap();
        let err = v2_to_v3(&mut doc, &|_| None).unwrap_err();
        assert!(
            err.contains("created_at") && err.contains("time zone"),
            "{err}"
        );
    }

    #[test]
    fn the_policy_representative_goes_and_fills_an_empty_profile() {
        let mut doc: Table = toml::from_str(
            "schema_version = 3\n[profile]\nname = \"x\"\nrepresentative = \"社長 A\"\n[policy]\ncompany = \"x\"\nrepresentative = \"社長 B\"\n",
        )
        .unwrap();
        migrate(&mut doc, 3).unwrap();
        assert!(
            !doc["policy"]
                .as_table()
                .unwrap()
                .contains_key("representative")
        );
        assert_eq!(doc["policy"]["company"].as_str(), Some("x"));
        assert_eq!(
            doc["profile"]["representative"].as_str(),
            Some("社長 A"),
            "the profile wins"
        );

        let mut doc: Table =
            toml::from_str("[profile]\nname = \"x\"\n[policy]\nrepresentative = \" 社長 B \"\n")
                .unwrap();
        migrate(&mut doc, 3).unwrap();
        assert_eq!(doc["profile"]["representative"].as_str(), Some("社長 B"));
        let mut doc: Table = toml::from_str("[policy]\nrepresentative = 3\n").unwrap();
        assert!(
            migrate(&mut doc, 3)
                .unwrap_err()
                .contains("policy.representative")
        );
    }

    #[test]
    fn bad_v1_values_are_reported_not_guessed() {
        let mut doc: Table = toml::from_str("[profile]\ncapital_man_yen = \"many\"\n").unwrap();
        let err = migrate(&mut doc, 1).unwrap_err();
        assert!(err.contains("capital_man_yen"), "{err}");
        assert!(migrate(&mut Table::new(), 0).is_err());
    }
}
