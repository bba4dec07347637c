//! Characters a terminal would obey, taken out of a client as it is read
//! (see `domain::clean`): a hand-edited `client.toml` with an escape
//! sequence in a name shows the name, not the sequence. Which keys had them
//! is reported (`open` says so, `check` lists them), so it is never silent;
//! the file itself is only rewritten by the next save of an open client.

use toml::Value;

use crate::domain::clean;
use crate::domain::model::Client;

/// Keys of `v` (dotted, with `[i]` for array items) whose text had unsafe
/// characters, each cleaned in place; with the first character found.
fn walk(v: &mut Value, key: &str, found: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => {
            if let Some(c) = clean::first_unsafe(s) {
                *s = clean::input(s).into_owned();
                found.push((key.to_owned(), c));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{key}[{i}]"), found);
            }
        }
        Value::Table(t) => {
            for (k, item) in t.iter_mut() {
                let key = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                walk(item, &key, found);
            }
        }
        _ => {}
    }
}

/// The client with every text cleaned, and the keys that changed with the
/// first unsafe character of each (`("profile.name", "U+001B")`).
pub fn scrub(client: Client) -> (Client, Vec<(String, String)>) {
    let Ok(mut v) = Value::try_from(&client) else {
        return (client, Vec::new());
    };
    let mut found = Vec::new();
    walk(&mut v, "", &mut found);
    if found.is_empty() {
        return (client, found);
    }
    match v.try_into() {
        Ok(c) => (c, found),
        Err(_) => (client, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_taken_out_and_their_keys_named() {
        let mut c = crate::domain::testing::blank_client();
        c.profile.name = "株式会社\u{1b}]0;x\u{7}テスト".into();
        c.profile.memo = "右から\u{202e}左へ\n二行目".into();
        let (c, found) = scrub(c);
        assert_eq!(c.profile.name, "株式会社]0;xテスト");
        assert_eq!(c.profile.memo, "右から左へ\n二行目");
        assert_eq!(
            found,
            [
                ("profile.memo".to_owned(), "U+202E".to_owned()),
                ("profile.name".to_owned(), "U+001B".to_owned())
            ]
        );
        let (_, none) = scrub(c);
        assert!(none.is_empty());
    }
}
