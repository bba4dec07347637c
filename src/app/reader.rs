//! A text read in full over the session screen: a long note, a preparation
//! item, an agenda item with its hint, the look back at the previous
//! session. It covers the panes only: the header clock and the status line
//! with the running timer stay in view, and the timer keys keep working.

/// How a line of the reader is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Heading,
    Text,
    Dim,
}

/// The narrowest the reader's text gets (an 80-column terminal): scrolling
/// never runs past the end of the text wrapped this narrow.
pub const NARROWEST: usize = 72;

pub struct Reader {
    pub title: String,
    /// Paragraphs, wrapped to the width at drawing time.
    pub lines: Vec<(Tone, String)>,
    /// Lines scrolled off the top.
    pub scroll: usize,
    /// The look back (前回の振り返り): its key closes it again.
    pub look_back: bool,
}

impl Reader {
    pub fn new(title: impl Into<String>, lines: Vec<(Tone, String)>) -> Reader {
        Reader {
            title: title.into(),
            lines,
            scroll: 0,
            look_back: false,
        }
    }

    /// The paragraphs wrapped to `cells`, each line with its tone.
    pub fn wrapped(&self, cells: usize) -> Vec<(Tone, String)> {
        self.lines
            .iter()
            .flat_map(|(tone, text)| {
                crate::text::wrap(text, cells)
                    .into_iter()
                    .map(move |l| (*tone, l))
            })
            .collect()
    }

    /// One line down or up, never past the end at the narrowest width.
    pub fn scroll_by(&mut self, down: bool) {
        let last = self.wrapped(NARROWEST).len().saturating_sub(1);
        self.scroll = if down {
            (self.scroll + 1).min(last)
        } else {
            self.scroll.saturating_sub(1)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_both_ends() {
        let mut r = Reader::new("t", vec![(Tone::Text, "あ".repeat(100))]);
        // 200 cells at 72: 3 lines.
        assert_eq!(r.wrapped(NARROWEST).len(), 3);
        r.scroll_by(false);
        assert_eq!(r.scroll, 0);
        for _ in 0..10 {
            r.scroll_by(true);
        }
        assert_eq!(r.scroll, 2);
        r.scroll_by(false);
        assert_eq!(r.scroll, 1);
    }
}
