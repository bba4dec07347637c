//! Client ids: the folder name of a client under `<data>/clients/`.

/// Longest id accepted.
pub const MAX_ID_LEN: usize = 64;

/// Why an id is refused.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("ID が空です (id is empty)".into());
    }
    if id.len() > MAX_ID_LEN {
        return Err(format!(
            "ID は {MAX_ID_LEN} 文字以内です (id is longer than {MAX_ID_LEN} characters)"
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "ID に使えない文字 {c:?} があります: 英小文字・数字・-・_ のみ (id may hold only a-z, 0-9, '-' and '_')"
        ));
    }
    Ok(())
}

/// A valid id derived from a name: ASCII letters and digits kept (lowercased),
/// runs of anything else become one `-`. A name with no ASCII letters or
/// digits (e.g. all Japanese) gives `client`. Callers add a suffix when taken.
pub fn derive_id(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    out.truncate(MAX_ID_LEN - 4);
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "client".to_owned()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`, … — the first one `taken` says is free.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_lowercase_digits_dash_underscore() {
        assert!(check_id("acme-01_x").is_ok());
        assert!(check_id(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn ids_refuse_paths_case_empty_and_length() {
        for bad in [
            "",
            "../x",
            "a/b",
            "Acme",
            "a b",
            "株式会社",
            ".",
            "a.b",
            &"a".repeat(65),
        ] {
            assert!(check_id(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn derived_ids_are_valid() {
        assert_eq!(derive_id("ACME Corp."), "acme-corp");
        assert_eq!(derive_id("株式会社さくら精機"), "client");
        assert_eq!(derive_id("さくら精機 (Sakura Seiki) 2号"), "sakura-seiki-2");
        let long = derive_id(&"x".repeat(200));
        assert!(check_id(&long).is_ok());
        for name in ["", "---", "ｱｲｳ", "a\u{0}b", "😀 Emoji"] {
            assert!(check_id(&derive_id(name)).is_ok(), "{name:?}");
        }
        assert!(check_id(&format!("{long}-99")).is_ok());
    }

    #[test]
    fn unique_ids_add_a_counter() {
        assert_eq!(unique_id("client", |_| false), "client");
        assert_eq!(
            unique_id("client", |id| id == "client" || id == "client-2"),
            "client-3"
        );
    }
}
