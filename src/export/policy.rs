//! `情報セキュリティ基本方針`: the basic policy, as Markdown (for the
//! website), PDF (for the programme office) and Word (for the company to
//! edit). The company and representative always come from the profile.

use super::doc::{Block, Doc};
use crate::content::Catalog;
use crate::domain::model::Client;
use crate::domain::step::policy_preamble;

/// File stem of the three files.
pub const STEM: &str = "情報セキュリティ基本方針";
pub const FILE: &str = "情報セキュリティ基本方針.md";

/// The policy: title, preamble, the articles, then 制定日, company and
/// representative flush right.
pub fn doc(catalog: &Catalog, client: &Client) -> Doc {
    let p = &client.policy;
    let mut d = Doc::new(catalog.policy.title.clone());
    d.push(Block::Para(policy_preamble(client)));
    for (i, a) in p.articles.iter().enumerate() {
        d.push(Block::Heading(format!("{}. {}", i + 1, a.heading.trim())));
        d.push(Block::Para(a.body.trim().to_owned()));
    }
    let enacted = p
        .enacted_on
        .map(|d| d.format("%Y年%-m月%-d日").to_string())
        .unwrap_or_else(|| "　　年　月　日".into());
    d.push(Block::Signature(vec![
        format!("制定日: {enacted}"),
        client.profile.name.trim().to_owned(),
        client.profile.representative.trim().to_owned(),
    ]));
    d
}

/// The policy as Markdown.
pub fn markdown(catalog: &Catalog, client: &Client) -> String {
    super::doc::markdown(&doc(catalog, client))
}
