//! Upgrades of older `client.toml` layouts to the current one.
//!
//! Layout history:
//! - 1: the first format. The profile held `staff` (regular employees) and
//!   `capital_man_yen` (capital in units of 10,000 yen, as many paper forms ask).
//! - 2: `employees` and `capital_yen` (plain yen), matching the eligibility table.
//! - 3: no `policy.representative`: the policy is signed by the profile's
//!   representative (one source of truth). A representative entered only in
//!   the policy moves into an empty `profile.representative`.

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
            2 => v2_to_v3(doc)?,
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

fn v2_to_v3(doc: &mut Table) -> Result<(), String> {
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

    #[test]
    fn the_policy_representative_goes_and_fills_an_empty_profile() {
        let mut doc: Table = toml::from_str(
            "schema_version = 2\n[profile]\nname = \"x\"\nrepresentative = \"社長 A\"\n[policy]\ncompany = \"x\"\nrepresentative = \"社長 B\"\n",
        )
        .unwrap();
        migrate(&mut doc, 2).unwrap();
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
        migrate(&mut doc, 2).unwrap();
        assert_eq!(doc["profile"]["representative"].as_str(), Some("社長 B"));
        let mut doc: Table = toml::from_str("[policy]\nrepresentative = 3\n").unwrap();
        assert!(
            migrate(&mut doc, 2)
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
