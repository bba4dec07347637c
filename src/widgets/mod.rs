//! The widget layer: pieces every screen and editor draws with — the theme,
//! the one text field (with the real terminal cursor), the one choice
//! picker, blocks, key hints read from the keymap, the readiness panel, and
//! text fitted to a width. It reads the keymap and the domain; nothing in
//! it knows about the app, the screens or the editors.

pub mod block;
pub mod field;
pub mod form_view;
pub mod hints;
pub mod picker;
pub mod readiness;
pub mod text;
pub mod theme;

pub use block::{block, cell_style, draw_list, first_line, labelled};
pub use field::{Field, Step};
pub use hints::{bar, hints, key_name};
pub use picker::{Picked, Picker};
pub use readiness::{draw_readiness, readiness_height, readiness_lines};
pub use text::{fit, fit_text};
pub use theme::Theme;
