//! `情報セキュリティ基本方針.md`: the basic policy, ready to publish.

use super::Document;
use crate::content::Catalog;
use crate::domain::model::Client;

pub const FILE: &str = "情報セキュリティ基本方針.md";

pub fn markdown(catalog: &Catalog, client: &Client) -> String {
    let p = &client.policy;
    let mut s = format!("# {}\n\n{}\n", catalog.policy.title, p.preamble.trim());
    for (i, a) in p.articles.iter().enumerate() {
        s.push_str(&format!(
            "\n## {}. {}\n\n{}\n",
            i + 1,
            a.heading.trim(),
            a.body.trim()
        ));
    }
    s.push('\n');
    let enacted = p
        .enacted_on
        .map(|d| d.format("%Y年%-m月%-d日").to_string())
        .unwrap_or_else(|| "　　年　月　日".into());
    s.push_str(&format!("制定日: {enacted}  \n"));
    let company = if p.company.trim().is_empty() {
        &client.profile.name
    } else {
        &p.company
    };
    s.push_str(&format!("{}  \n", company.trim()));
    let rep = if p.representative.trim().is_empty() {
        &client.profile.representative
    } else {
        &p.representative
    };
    s.push_str(&format!("{}\n", rep.trim()));
    s
}

pub fn document(catalog: &Catalog, client: &Client) -> Document {
    Document {
        name: FILE.into(),
        bytes: markdown(catalog, client).into_bytes(),
    }
}
