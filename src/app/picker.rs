//! The client picker: the clients on disk, filtered as the user types.

use unicode_normalization::UnicodeNormalization;

use crate::store::Listed;
use crate::widgets::Field;

/// The client picker.
pub struct ClientPicker {
    pub clients: Vec<Listed>,
    pub filter: Field,
    pub sel: usize,
}

impl ClientPicker {
    /// Indices of clients matching the filter (id or name, case-insensitive).
    pub fn matches(&self) -> Vec<usize> {
        let f: String = self.filter.text().nfc().collect::<String>().to_lowercase();
        self.clients
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                f.is_empty()
                    || l.id.contains(&f)
                    || l.client.as_ref().is_ok_and(|c| {
                        c.profile
                            .name
                            .nfc()
                            .collect::<String>()
                            .to_lowercase()
                            .contains(&f)
                    })
            })
            .map(|(i, _)| i)
            .collect()
    }
}
