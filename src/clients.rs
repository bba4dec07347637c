//! Creating a client, the one way both the command line (`bansou new`) and
//! the picker (Ctrl-N) do it.

use unicode_normalization::UnicodeNormalization;

use crate::content::Catalog;
use crate::domain::id::{check_id, derive_id, unique_id};
use crate::store::Store;

/// Creates a client named `name` (NFC, trimmed) under `id`, or under an id
/// derived from the name when none is given, optionally filled with the
/// sample company; returns its id. Nothing is created when anything is
/// refused; the error is one line for the user.
pub fn create(
    store: &Store,
    catalog: &Catalog,
    name: &str,
    id: Option<&str>,
    sample: bool,
) -> Result<String, String> {
    let name: String = name.nfc().collect::<String>().trim().to_owned();
    if name.is_empty() {
        return Err("--name must not be empty".into());
    }
    if name.chars().any(crate::domain::clean::is_unsafe) {
        return Err(
            "--name must not contain control characters, bidi controls or zero-width characters"
                .into(),
        );
    }
    let id = match id {
        Some(id) => {
            check_id(id).map_err(|e| format!("invalid id {id:?}: {e}"))?;
            id.to_owned()
        }
        None => unique_id(&derive_id(&name), |candidate| store.exists(candidate)),
    };
    let now = crate::clock::wall();
    let mut client = catalog.new_client(&id, &name, now);
    if sample {
        crate::sample::fill(&mut client, catalog, now.date_naive());
    }
    store.create(&client).map_err(|e| e.to_string())?;
    Ok(id)
}
