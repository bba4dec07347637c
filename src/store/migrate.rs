//! Upgrades of older `client.toml` layouts to the current one.
//!
//! Layout history:
//! - 1: the first format. The profile held `staff` (regular employees) and
//!   `capital_man_yen` (capital in units of 10,000 yen, as many paper forms ask).
//! - 2: `employees` and `capital_yen` (plain yen), matching the eligibility table.

use toml::{Table, Value};

use crate::domain::model::SCHEMA_VERSION;

/// Oldest layout this binary can upgrade.
pub const OLDEST: u32 = 1;

/// Upgrades `doc` from `from` to [`SCHEMA_VERSION`]; an error names the key that could not be moved.
pub fn migrate(doc: &mut Table, from: u32) -> Result<(), String> {
    let mut v = from;
    while v < SCHEMA_VERSION {
        match v {
            1 => v1_to_v2(doc)?,
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

    #[test]
    fn bad_v1_values_are_reported_not_guessed() {
        let mut doc: Table = toml::from_str("[profile]\ncapital_man_yen = \"many\"\n").unwrap();
        let err = migrate(&mut doc, 1).unwrap_err();
        assert!(err.contains("capital_man_yen"), "{err}");
        assert!(migrate(&mut Table::new(), 0).is_err());
    }
}
