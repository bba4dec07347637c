//! Self-diagnosis answers brought in from outside (回答の取り込み): the
//! respondent's own questionnaire, a corrected 自社診断結果 sheet or a CSV.
//! Reading the files is elsewhere; here are the rules: which texts are
//! answers and roles, how a respondent is added or replaced, and how their
//! comments join the items' drill-down notes, marked with their name.

use unicode_normalization::UnicodeNormalization;

use super::model::{Answer, DIAGNOSIS_ITEMS, Diagnosis, Respondent, Role};
use super::promote::review_mut;

/// Labels that both the questionnaire and its reader go by: the reader finds
/// the cells by these texts, not by their places.
pub mod labels {
    /// Title words every readable sheet carries above its table.
    pub const MARK: &str = "自社診断";
    /// Label of the name cell (the value is the next filled cell to its right).
    pub const NAME: &str = "回答者名";
    /// Label of the role cell.
    pub const ROLE: &str = "立場";
    /// Alternative: the title of an exported respondent sheet,
    /// `…回答者：山田 太郎（経営者）`.
    pub const WHO: &str = "回答者：";
    /// Header of the question-number column.
    pub const NO: &str = "No.";
    /// Header of the answer column.
    pub const ANSWER: &str = "回答";
    /// Header of the comment column starts with this.
    pub const COMMENT: &str = "コメント";
}

/// One respondent's answers as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    /// Empty when the file leaves it blank.
    pub name: String,
    pub role: Option<Role>,
    pub answers: [Answer; DIAGNOSIS_ITEMS],
    /// Comments by item number (1–25), in item order, never empty.
    pub comments: Vec<(u8, String)>,
    /// Whether the source has a place for comments. A respondent sheet of
    /// the exported results has none: replacing from it keeps the
    /// respondent's earlier comment lines.
    pub with_comments: bool,
}

impl Default for Intake {
    fn default() -> Self {
        Intake {
            name: String::new(),
            role: None,
            answers: [Answer::Unanswered; DIAGNOSIS_ITEMS],
            comments: Vec::new(),
            with_comments: true,
        }
    }
}

impl Intake {
    pub fn answered(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| **a != Answer::Unanswered)
            .count()
    }

    pub fn dont_know(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| **a == Answer::DontKnow)
            .count()
    }

    /// `山田 太郎（経営者）`.
    pub fn line_who(&self) -> String {
        let name = if self.name.trim().is_empty() {
            "氏名未記入"
        } else {
            self.name.trim()
        };
        let role = self.role.map(Role::label).unwrap_or("立場未記入");
        format!("{name}（{role}）")
    }

    /// `山田 太郎（経営者）: 回答 24/25、わからない 3、コメント 5`.
    pub fn line(&self) -> String {
        format!(
            "{}: 回答 {}/{DIAGNOSIS_ITEMS}、わからない {}、コメント {}",
            self.line_who(),
            self.answered(),
            self.dont_know(),
            self.comments.len()
        )
    }
}

/// Text from a cell or a field: NFC, control and invisible formatting
/// characters dropped (line breaks become spaces), surrounding blanks
/// (also the ideographic space) trimmed.
pub fn clean_text(raw: &str) -> String {
    let s: String = raw
        .nfc()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .collect();
    s.trim().to_owned()
}

/// Zero-width and direction-override characters: invisible, and able to make
/// a name display differently from what it is.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{AD}')
}

/// The answer a text stands for: one of the four official labels, or blank
/// (and 未回答) for unanswered; `None` for anything else.
pub fn parse_answer(raw: &str) -> Option<Answer> {
    let s = clean_text(raw);
    if s.is_empty() || s == Answer::Unanswered.label() {
        return Some(Answer::Unanswered);
    }
    Answer::CHOICES.into_iter().find(|a| a.label() == s)
}

/// A role from its label (経営者, 管理者, 従業員).
pub fn parse_role(raw: &str) -> Option<Role> {
    let s = clean_text(raw);
    Role::ALL.into_iter().find(|r| r.label() == s)
}

/// The four answers as one text for messages.
pub fn answer_choices() -> String {
    Answer::CHOICES.map(Answer::label).join("／")
}

/// `NAME:ROLE` (also with a full-width colon) of `--respondent`; the role
/// follows the last colon, so a name may hold one.
pub fn parse_respondent(spec: &str) -> Result<(String, Role), String> {
    let roles = Role::ALL.map(Role::label).join("、");
    let Some(at) = spec.rfind([':', '：']) else {
        return Err(format!("{spec:?}: give NAME:ROLE, the role one of {roles}"));
    };
    let sep = spec[at..].chars().next().map_or(1, char::len_utf8);
    let name = clean_text(&spec[..at]);
    let role_text = &spec[at + sep..];
    if name.is_empty() {
        return Err(format!("{spec:?}: the name is empty"));
    }
    let role = parse_role(role_text).ok_or_else(|| {
        format!(
            "{spec:?}: unknown role {:?}; one of {roles}",
            clean_text(role_text)
        )
    })?;
    Ok((name, role))
}

/// The mark that opens a comment line of a respondent in an item's notes:
/// `【山田 太郎（経営者）】`.
pub fn marker(name: &str, role: Role) -> String {
    format!("【{}（{}）】", name.trim(), role.label())
}

/// Names compared as people write them: blanks (also the ideographic
/// space) of any length count as one space.
fn same_name(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn same(r: &Respondent, name: &str, role: Role) -> bool {
    r.role == role && same_name(&clean_text(&r.name), name)
}

impl Respondent {
    /// Registered without any answer yet (waiting for a questionnaire).
    pub fn unanswered(&self) -> bool {
        self.answers.iter().all(|a| *a == Answer::Unanswered)
    }
}

/// Why a respondent was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddError {
    /// The name or role is missing.
    Unnamed,
    /// Someone of that name and role is already there (and no replace was asked).
    Exists,
}

/// Adds the respondent of `intake` with their comments; an existing one of
/// the same name and role is replaced in place only when `replace` is set,
/// and then their earlier comment lines are taken out of the notes first
/// (unless the source had no place for comments).
/// A respondent there without any answer yet is filled in without asking.
/// Returns whether someone with answers was replaced.
pub fn add_respondent(
    diagnosis: &mut Diagnosis,
    intake: &Intake,
    replace: bool,
) -> Result<bool, AddError> {
    let name = clean_text(&intake.name);
    let role = intake.role.ok_or(AddError::Unnamed)?;
    if name.is_empty() {
        return Err(AddError::Unnamed);
    }
    let existing = diagnosis
        .respondents
        .iter()
        .position(|r| same(r, &name, role));
    // Someone already there keeps the name as written in the client, so
    // their comment lines keep one mark.
    let name = existing.map_or(name, |i| diagnosis.respondents[i].name.clone());
    let mark = marker(&name, role);
    let respondent = Respondent {
        name,
        role,
        answers: intake.answers,
    };
    // A respondent registered without any answer (to write their
    // questionnaire) is filled in without asking to replace.
    let was_blank = existing.is_some_and(|i| diagnosis.respondents[i].unanswered());
    match existing {
        Some(_) if !replace && !was_blank => return Err(AddError::Exists),
        Some(i) => {
            diagnosis.respondents[i] = respondent;
            for item in diagnosis.items.iter_mut().filter(|_| intake.with_comments) {
                item.notes = remove_marked(&item.notes, &mark);
            }
        }
        None => diagnosis.respondents.push(respondent),
    }
    for (no, text) in &intake.comments {
        let text = clean_text(text);
        if text.is_empty() || !(1..=DIAGNOSIS_ITEMS as u8).contains(no) {
            continue;
        }
        let review = review_mut(diagnosis, *no);
        if !review.notes.trim_end().is_empty() {
            review.notes = format!("{}\n", review.notes.trim_end());
        } else {
            review.notes.clear();
        }
        review.notes.push_str(&format!("{mark}{text}"));
    }
    Ok(existing.is_some() && !was_blank)
}

/// `notes` without the lines that start with `mark`.
fn remove_marked(notes: &str, mark: &str) -> String {
    notes
        .lines()
        .filter(|l| !l.starts_with(mark))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::promote::review;

    fn intake(name: &str, role: Role, a: Answer) -> Intake {
        Intake {
            name: name.into(),
            role: Some(role),
            answers: [a; DIAGNOSIS_ITEMS],
            comments: vec![(3, "付箋で共有\nしている".into())],
            with_comments: true,
        }
    }

    #[test]
    fn only_the_four_labels_and_blank_are_answers() {
        assert_eq!(parse_answer("実施している"), Some(Answer::Done));
        assert_eq!(parse_answer("　一部実施している "), Some(Answer::Partly));
        assert_eq!(parse_answer("実施していない"), Some(Answer::NotDone));
        assert_eq!(parse_answer("わからない\u{200B}"), Some(Answer::DontKnow));
        assert_eq!(parse_answer(""), Some(Answer::Unanswered));
        assert_eq!(parse_answer("未回答"), Some(Answer::Unanswered));
        for bad in ["はい", "実施", "分からない", "4", "済", "実施しています"] {
            assert_eq!(parse_answer(bad), None, "{bad}");
        }
        assert_eq!(parse_role("管理者"), Some(Role::Manager));
        assert_eq!(parse_role("社長"), None);
    }

    #[test]
    fn respondent_specs_split_at_the_last_colon() {
        assert_eq!(
            parse_respondent("山田 太郎:経営者"),
            Ok(("山田 太郎".into(), Role::Owner))
        );
        assert_eq!(
            parse_respondent("Ann:B：従業員"),
            Ok(("Ann:B".into(), Role::Employee))
        );
        assert!(parse_respondent("山田").is_err());
        assert!(parse_respondent(":経営者").is_err());
        let e = parse_respondent("山田:社長").unwrap_err();
        assert!(e.contains("社長") && e.contains("経営者"), "{e}");
    }

    #[test]
    fn text_is_cleaned_of_controls_and_invisibles() {
        assert_eq!(clean_text(" a\u{202E}b\u{7}\nc "), "ab c");
        assert_eq!(clean_text("\u{3000}"), "");
    }

    #[test]
    fn a_respondent_is_added_with_comments_marked_by_name() {
        let mut d = Diagnosis::default();
        d.respondents.push(Respondent::default());
        review_mut(&mut d, 3).notes = "専門家のメモ".into();
        let i = intake("山田", Role::Owner, Answer::Done);
        assert_eq!(add_respondent(&mut d, &i, false), Ok(false));
        assert_eq!(d.respondents.len(), 2);
        assert_eq!(d.respondents[1].answers[0], Answer::Done);
        assert_eq!(
            review(&d, 3).unwrap().notes,
            "専門家のメモ\n【山田（経営者）】付箋で共有 している"
        );
        // The same person again is refused and nothing changes.
        let before = d.clone();
        let again = intake("山田 ", Role::Owner, Answer::NotDone);
        assert_eq!(add_respondent(&mut d, &again, false), Err(AddError::Exists));
        assert_eq!(d, before);
        // Same name, other role: another person.
        let other = intake("山田", Role::Employee, Answer::NotDone);
        assert_eq!(add_respondent(&mut d, &other, false), Ok(false));
        assert_eq!(d.respondents.len(), 3);
    }

    #[test]
    fn replacing_keeps_the_place_and_swaps_the_comment_lines() {
        let mut d = Diagnosis::default();
        add_respondent(&mut d, &intake("山田", Role::Owner, Answer::Done), false).unwrap();
        add_respondent(&mut d, &intake("佐藤", Role::Manager, Answer::Done), false).unwrap();
        review_mut(&mut d, 3).notes.push_str("\n専門家の追記");
        let mut new = intake("山田", Role::Owner, Answer::Partly);
        new.comments = vec![(3, "やはり例外あり".into()), (25, "規程なし".into())];
        assert_eq!(add_respondent(&mut d, &new, true), Ok(true));
        assert_eq!(d.respondents[0].name, "山田");
        assert_eq!(d.respondents[0].answers[0], Answer::Partly);
        assert_eq!(
            review(&d, 3).unwrap().notes,
            "【佐藤（管理者）】付箋で共有 している\n専門家の追記\n【山田（経営者）】やはり例外あり"
        );
        assert_eq!(review(&d, 25).unwrap().notes, "【山田（経営者）】規程なし");
        // From a source without comments the earlier comment lines stay.
        let bare = Intake {
            comments: Vec::new(),
            with_comments: false,
            ..intake("山田", Role::Owner, Answer::NotDone)
        };
        let notes = d.items.clone();
        assert_eq!(add_respondent(&mut d, &bare, true), Ok(true));
        assert_eq!(d.items, notes);
        assert_eq!(d.respondents[0].answers[0], Answer::NotDone);
    }

    #[test]
    fn a_respondent_registered_without_answers_is_filled_in() {
        let mut d = Diagnosis::default();
        d.respondents.push(Respondent {
            name: "山田".into(),
            role: Role::Owner,
            ..Respondent::default()
        });
        let i = intake("山田", Role::Owner, Answer::Done);
        assert_eq!(add_respondent(&mut d, &i, false), Ok(false));
        assert_eq!(d.respondents.len(), 1);
        assert_eq!(d.respondents[0].answers[0], Answer::Done);
        assert_eq!(add_respondent(&mut d, &i, false), Err(AddError::Exists));
    }

    #[test]
    fn a_name_written_with_other_blanks_is_the_same_person_and_keeps_its_spelling() {
        let mut d = Diagnosis::default();
        add_respondent(
            &mut d,
            &intake("山田 一郎", Role::Owner, Answer::Done),
            false,
        )
        .unwrap();
        let wide = intake("山田\u{3000}\u{3000}一郎", Role::Owner, Answer::NotDone);
        assert_eq!(add_respondent(&mut d, &wide, false), Err(AddError::Exists));
        assert_eq!(add_respondent(&mut d, &wide, true), Ok(true));
        assert_eq!(d.respondents.len(), 1);
        assert_eq!(d.respondents[0].name, "山田 一郎");
        assert_eq!(d.respondents[0].answers[0], Answer::NotDone);
        assert_eq!(
            review(&d, 3).unwrap().notes,
            "【山田 一郎（経営者）】付箋で共有 している"
        );
        // Blanks inside a name are not ignored: 山田 and 山 田 differ.
        let split = intake("山田一郎", Role::Owner, Answer::Done);
        assert_eq!(add_respondent(&mut d, &split, false), Ok(false));
    }

    #[test]
    fn a_nameless_intake_is_refused() {
        let mut d = Diagnosis::default();
        let mut i = intake("", Role::Owner, Answer::Done);
        assert_eq!(add_respondent(&mut d, &i, false), Err(AddError::Unnamed));
        i.name = "山田".into();
        i.role = None;
        assert_eq!(add_respondent(&mut d, &i, true), Err(AddError::Unnamed));
        assert!(d.respondents.is_empty() && d.items.is_empty());
    }

    #[test]
    fn the_line_counts_answers_and_dont_knows() {
        let mut i = intake("山田", Role::Owner, Answer::Done);
        i.answers[0] = Answer::Unanswered;
        i.answers[1] = Answer::DontKnow;
        assert_eq!(
            i.line(),
            "山田（経営者）: 回答 24/25、わからない 1、コメント 1"
        );
    }
}
