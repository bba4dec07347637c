//! A document as a list of blocks, written once and rendered to Markdown
//! (here), PDF (`pdf`) and Word (`docx`), so every format says the same.
//!
//! All text in a block is plain text: the Markdown renderer escapes it so a
//! line starting with `#`, a `|`, or `<script>` entered by a user always
//! stays text.

/// One document: its title and blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A table: header, rows of cells, the relative width of each column and
/// which columns are right-aligned (numbers). `total` marks the last row as
/// a total row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub widths: Vec<f32>,
    pub right: Vec<bool>,
    pub total: bool,
}

/// A part of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading (`##`).
    Heading(String),
    /// A sub-heading (`###`).
    SubHeading(String),
    /// `label: value` lines.
    Fields(Vec<(String, String)>),
    /// Free text; line breaks are kept.
    Para(String),
    Bullets(Vec<String>),
    Numbered(Vec<String>),
    /// A checklist: done or not, text.
    Checks(Vec<(bool, String)>),
    Table(Table),
    /// Lines set flush right (date, company and representative under a policy).
    Signature(Vec<String>),
}

impl Doc {
    pub fn new(title: impl Into<String>) -> Self {
        Doc {
            title: title.into(),
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }

    /// Every piece of text of the document, in order (for tests and search).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str()];
        for b in &self.blocks {
            match b {
                Block::Heading(t) | Block::SubHeading(t) | Block::Para(t) => out.push(t),
                Block::Fields(f) => {
                    for (k, v) in f {
                        out.push(k);
                        out.push(v);
                    }
                }
                Block::Bullets(v) | Block::Numbered(v) | Block::Signature(v) => {
                    out.extend(v.iter().map(String::as_str))
                }
                Block::Checks(v) => out.extend(v.iter().map(|(_, t)| t.as_str())),
                Block::Table(t) => {
                    out.extend(t.head.iter().map(String::as_str));
                    for r in &t.rows {
                        out.extend(r.iter().map(String::as_str));
                    }
                }
            }
        }
        out
    }
}

/// Characters that mean something to Markdown anywhere in a line (`]`,
/// `!` and `>` only do after a `[` or `<`, which are escaped, or at the
/// start of a line).
const INLINE_SPECIAL: &str = "\\`*_[<|~&";

/// Escapes `s` so that Markdown shows it as the text it is. Each line is
/// escaped on its own; a marker at the start of a line (`#`, `>`, `-`, `+`,
/// `=`, `1.`) is escaped too.
pub fn escape_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Leading spaces would make an indented code block: they are dropped.
    let trimmed = s.trim_start();
    let mut chars = trimmed.char_indices().peekable();
    if let Some(&(_, c)) = chars.peek()
        && "#>-+=".contains(c)
    {
        out.push('\\');
    }
    // An ordered-list marker: digits then `.` or `)`.
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && matches!(trimmed[digits..].chars().next(), Some('.' | ')'));
    for (i, c) in chars {
        if INLINE_SPECIAL.contains(c) || (ordered && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text after a marker such as `## `: only the inline characters are
/// escaped (a `1.` there is not a list), line breaks become spaces.
pub fn escape_after_marker(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if INLINE_SPECIAL.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Free text with its line breaks kept as hard breaks; blank lines separate
/// paragraphs.
pub fn escape_text(s: &str) -> String {
    let lines: Vec<String> = s
        .trim()
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| escape_line(l.trim_end()))
        .collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        out.push_str(l);
        let next_blank = lines.get(i + 1).is_some_and(|n| n.is_empty());
        if i + 1 < lines.len() {
            if l.is_empty() || next_blank {
                out.push('\n');
            } else {
                out.push_str("\\\n");
            }
        }
    }
    out
}

/// Text for one list item or field: line breaks become `<br>` (a literal
/// tag, the text itself is escaped).
pub fn escape_inline(s: &str) -> String {
    s.trim()
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| escape_line(l.trim()))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text of a table cell: inside `| … |` no line-start marker applies, so
/// only the inline characters are escaped; line breaks become `<br>`.
fn cell(s: &str) -> String {
    s.trim()
        .replace("\r\n", "\n")
        .split('\n')
        .map(escape_after_marker)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The document as Markdown.
pub fn markdown(doc: &Doc) -> String {
    let mut out = format!("# {}\n", escape_after_marker(&doc.title));
    for b in &doc.blocks {
        out.push('\n');
        match b {
            Block::Heading(t) => out.push_str(&format!("## {}\n", escape_after_marker(t))),
            Block::SubHeading(t) => out.push_str(&format!("### {}\n", escape_after_marker(t))),
            Block::Fields(f) => {
                for (k, v) in f {
                    out.push_str(&format!("- {}: {}\n", escape_line(k), escape_inline(v)));
                }
            }
            Block::Para(t) => {
                out.push_str(&escape_text(t));
                out.push('\n');
            }
            Block::Bullets(v) => {
                for t in v {
                    out.push_str(&format!("- {}\n", escape_inline(t)));
                }
            }
            Block::Numbered(v) => {
                for (i, t) in v.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", i + 1, escape_inline(t)));
                }
            }
            Block::Checks(v) => {
                for (done, t) in v {
                    let mark = if *done { "x" } else { " " };
                    out.push_str(&format!("- [{mark}] {}\n", escape_inline(t)));
                }
            }
            Block::Table(t) => table(&mut out, t),
            Block::Signature(v) => {
                let lines: Vec<String> = v.iter().map(|l| escape_line(l)).collect();
                out.push_str(&lines.join("  \n"));
                out.push('\n');
            }
        }
    }
    out
}

/// How a line of the plain text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Title,
    Heading,
    Text,
    /// Set flush right (the signature).
    Right,
}

/// One line of the document as it reads: the block it belongs to (`None`
/// for the title and the blank lines between blocks), how it looks, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainLine {
    pub block: Option<usize>,
    pub look: Look,
    pub text: String,
}

/// The document as it reads, without Markdown's marks or escapes (a hard
/// line break is a new line, `#` is a character): for a preview on screen.
/// Lines are not wrapped; a blank line separates the blocks.
pub fn plain(doc: &Doc) -> Vec<PlainLine> {
    let mut out = vec![PlainLine {
        block: None,
        look: Look::Title,
        text: doc.title.trim().to_owned(),
    }];
    for (i, b) in doc.blocks.iter().enumerate() {
        out.push(PlainLine {
            block: None,
            look: Look::Text,
            text: String::new(),
        });
        let mut push = |look: Look, text: &str| {
            for l in text.trim().replace("\r\n", "\n").split('\n') {
                out.push(PlainLine {
                    block: Some(i),
                    look,
                    text: l.trim_end().to_owned(),
                });
            }
        };
        match b {
            Block::Heading(t) | Block::SubHeading(t) => push(Look::Heading, t),
            Block::Para(t) => push(Look::Text, t),
            Block::Fields(f) => f
                .iter()
                .for_each(|(k, v)| push(Look::Text, &format!("{k}: {v}"))),
            Block::Bullets(v) => v.iter().for_each(|t| push(Look::Text, &format!("・{t}"))),
            Block::Numbered(v) => v
                .iter()
                .enumerate()
                .for_each(|(n, t)| push(Look::Text, &format!("{}. {t}", n + 1))),
            Block::Checks(v) => v.iter().for_each(|(done, t)| {
                push(
                    Look::Text,
                    &format!("{} {t}", if *done { "☑" } else { "☐" }),
                )
            }),
            Block::Table(t) => std::iter::once(&t.head)
                .chain(&t.rows)
                .for_each(|r| push(Look::Text, &r.join("　"))),
            Block::Signature(v) => v.iter().for_each(|t| push(Look::Right, t)),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let row = |cells: &[String], bold: bool| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| {
                let c = cell(c);
                match (c.is_empty(), bold) {
                    (true, true) => c,
                    (true, false) => "—".into(),
                    (false, true) => format!("**{c}**"),
                    (false, false) => c,
                }
            })
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.head, false));
    let rules: Vec<&str> = (0..t.head.len())
        .map(|c| {
            if t.right.get(c).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("|{}|\n", rules.join("|")));
    let last = t.rows.len().saturating_sub(1);
    for (i, r) in t.rows.iter().enumerate() {
        out.push_str(&row(r, t.total && i == last));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_stays_text() {
        assert_eq!(escape_line("# 見出しではない"), "\\# 見出しではない");
        assert_eq!(escape_line("| a | b |"), "\\| a \\| b \\|");
        assert_eq!(
            escape_line("<script>alert(1)</script>"),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(escape_line("1. 番号"), "1\\. 番号");
        assert_eq!(escape_line("- 箇条"), "\\- 箇条");
        assert_eq!(escape_line("  > 引用"), "\\> 引用");
        assert_eq!(escape_line("*強調*と_下線_"), "\\*強調\\*と\\_下線\\_");
        assert_eq!(escape_line("普通の文。"), "普通の文。");
        assert_eq!(escape_line("2026年"), "2026年");
    }

    #[test]
    fn line_breaks_are_kept_and_paragraphs_separated() {
        assert_eq!(
            escape_text("一行目\n# 二行目\n\n次の段落"),
            "一行目\\\n\\# 二行目\n\n次の段落"
        );
        assert_eq!(escape_inline("a\nb|c"), "a<br>b\\|c");
    }

    #[test]
    fn the_plain_text_reads_as_the_document_without_marks() {
        let mut d = Doc::new("基本方針");
        d.push(Block::Para("一行目\n# 二行目\n\n次の段落".into()))
            .push(Block::Heading("1. 見出し".into()))
            .push(Block::Signature(vec!["制定日".into(), "会社".into()]));
        let lines = plain(&d);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "基本方針",
                "",
                "一行目",
                "# 二行目",
                "",
                "次の段落",
                "",
                "1. 見出し",
                "",
                "制定日",
                "会社"
            ]
        );
        assert!(
            lines.iter().all(|l| !l.text.contains('\\')),
            "no Markdown break"
        );
        assert_eq!(lines[2].block, Some(0));
        assert_eq!(
            lines[7],
            PlainLine {
                block: Some(1),
                look: Look::Heading,
                text: "1. 見出し".into()
            }
        );
        assert_eq!(lines[10].look, Look::Right);
    }

    #[test]
    fn a_document_renders_every_block() {
        let mut d = Doc::new("題");
        d.push(Block::Heading("節".into()))
            .push(Block::Fields(vec![("企業名".into(), "A|B".into())]))
            .push(Block::Para("本文".into()))
            .push(Block::Bullets(vec!["x".into()]))
            .push(Block::Numbered(vec!["y".into(), "z".into()]))
            .push(Block::Checks(vec![
                (true, "済".into()),
                (false, "未".into()),
            ]))
            .push(Block::Table(Table {
                head: vec!["項目".into(), "分".into()],
                rows: vec![vec!["a".into(), "1".into()], vec!["合計".into(), "".into()]],
                widths: vec![3.0, 1.0],
                right: vec![false, true],
                total: true,
            }))
            .push(Block::Signature(vec!["2026年".into(), "会社".into()]));
        let md = markdown(&d);
        assert_eq!(
            md,
            "# 題\n\n## 節\n\n- 企業名: A\\|B\n\n本文\n\n- x\n\n1. y\n2. z\n\n- [x] 済\n- [ ] 未\n\n| 項目 | 分 |\n|---|---:|\n| a | 1 |\n| **合計** |  |\n\n2026年  \n会社\n"
        );
        assert!(d.texts().contains(&"A|B"));
    }
}
