//! Defaults that need the catalog, filled into a client when it is opened
//! (or a form is opened): the policy's text from the template and its
//! company and representative from the profile, and one regulation row per
//! catalog regulation. Editors never fill anything on a key.

use super::Catalog;
use crate::domain::model::{Client, RegulationRow};

/// Everything below, and each planned session's fixed end where a file from
/// before it lacks one (`window::settle_ends`); true when anything changed.
pub fn defaults(client: &mut Client, catalog: &Catalog) -> bool {
    let policy = fill_policy(client, catalog);
    let rows = ensure_regulation_rows(client, catalog);
    let ends = crate::domain::window::settle_ends(client);
    policy || rows || ends
}

/// Fills what the policy lacks from the template and the profile: the
/// preamble and articles when there are none, and the company name the
/// preamble was drafted with. True when anything changed.
pub fn fill_policy(client: &mut Client, catalog: &Catalog) -> bool {
    let name = client.profile.name.trim().to_owned();
    let p = &mut client.policy;
    let mut changed = false;
    if p.preamble.trim().is_empty() && p.articles.is_empty() {
        let t = catalog.policy_for(&name);
        p.preamble = t.preamble;
        p.articles = t.articles;
        changed = true;
    }
    if p.company.trim().is_empty() && !name.is_empty() {
        p.company = name;
        changed = true;
    }
    changed
}

/// Adds a row for every regulation of the catalog the client lacks and
/// keeps them in number order. True when anything changed.
pub fn ensure_regulation_rows(client: &mut Client, catalog: &Catalog) -> bool {
    let mut changed = false;
    for r in &catalog.regulations.regulation {
        if !client.regulations.iter().any(|x| x.no == r.no) {
            client.regulations.push(RegulationRow {
                no: r.no,
                ..RegulationRow::default()
            });
            changed = true;
        }
    }
    if !client.regulations.is_sorted_by_key(|r| r.no) {
        client.regulations.sort_by_key(|r| r.no);
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_once_and_then_change_nothing() {
        let cat = Catalog::builtin().unwrap();
        let mut c = cat.new_client(
            "x",
            "株式会社テスト",
            crate::domain::model::Stamp::default(),
        );
        c.policy = Default::default();
        c.regulations.clear();
        assert!(defaults(&mut c, &cat));
        assert_eq!(c.policy.company, "株式会社テスト");
        assert!(!c.policy.articles.is_empty());
        assert_eq!(c.regulations.len(), cat.regulations.regulation.len());
        assert!(!defaults(&mut c, &cat), "a second fill changes nothing");
    }
}
