//! Client profile editor (企業情報): every profile field, the industry chosen
//! from the eligibility table, contacts, and the eligibility verdict with its
//! reasons updated live (also while moving through the industry list).

mod view;

use view::industry_options;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::confirm::{Confirm, ask};
use super::{Ctx, Editor, Outcome, Press};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::eligibility::{EligibilityTable, IndustryCategory, yen};
use crate::domain::model::{Client, Contact, Profile, SecurityActionLevel};
use crate::domain::parse::{parse_count, parse_yen};
use crate::widgets::{Field, Picked, Picker, Step};

/// Width of the label column.
const LABEL_W: usize = 17;

/// Which part of a contact a row edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Name,
    Role,
    Email,
    Phone,
}

impl Part {
    const ALL: [Part; 4] = [Part::Name, Part::Role, Part::Email, Part::Phone];

    fn label(self) -> &'static str {
        match self {
            Part::Name => "氏名",
            Part::Role => "役職",
            Part::Email => "メール",
            Part::Phone => "電話",
        }
    }

    fn get(self, c: &Contact) -> &str {
        match self {
            Part::Name => &c.name,
            Part::Role => &c.role,
            Part::Email => &c.email,
            Part::Phone => &c.phone,
        }
    }

    fn get_mut(self, c: &mut Contact) -> &mut String {
        match self {
            Part::Name => &mut c.name,
            Part::Role => &mut c.role,
            Part::Email => &mut c.email,
            Part::Phone => &mut c.phone,
        }
    }
}

/// One row of the profile form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Name,
    Representative,
    Industry,
    MainIndustry,
    Capital,
    Employees,
    Unincorporated,
    TookPart,
    Prefecture,
    Address,
    Website,
    SecurityAction,
    HasPolicy,
    Contact(usize, Part),
    AddContact,
    Memo,
}

impl Row {
    fn label(self) -> String {
        match self {
            Row::Name => "会社名".into(),
            Row::Representative => "代表者".into(),
            Row::Industry => "業種分類".into(),
            Row::MainIndustry => "主たる業種".into(),
            Row::Capital => "資本金".into(),
            Row::Employees => "常時従業員数".into(),
            Row::Unincorporated => "法人格".into(),
            Row::TookPart => "前年度の参加".into(),
            Row::Prefecture => "都道府県".into(),
            Row::Address => "所在地".into(),
            Row::Website => "Webサイト".into(),
            Row::SecurityAction => "SECURITY ACTION".into(),
            Row::HasPolicy => "基本方針（既存）".into(),
            Row::Contact(i, p) => format!("担当者{} {}", i + 1, p.label()),
            Row::AddContact => "".into(),
            Row::Memo => "メモ".into(),
        }
    }

    /// Rows edited as text.
    fn is_text(self) -> bool {
        matches!(
            self,
            Row::Name
                | Row::Representative
                | Row::Capital
                | Row::Employees
                | Row::Prefecture
                | Row::Address
                | Row::Website
                | Row::Contact(..)
                | Row::Memo
        )
    }

    /// The text a field starts from.
    fn text(self, p: &Profile) -> String {
        match self {
            Row::Name => p.name.clone(),
            Row::Representative => p.representative.clone(),
            Row::Capital => p.capital_yen.map(yen).unwrap_or_default(),
            Row::Employees => p.employees.map(|e| e.to_string()).unwrap_or_default(),
            Row::Prefecture => p.prefecture.clone(),
            Row::Address => p.address.clone(),
            Row::Website => p.website.clone(),
            Row::Contact(i, part) => p.contacts.get(i).map_or("", |c| part.get(c)).to_owned(),
            Row::Memo => p.memo.clone(),
            _ => String::new(),
        }
    }

    /// Stores typed text; an error says how to write the value.
    fn set(self, p: &mut Profile, text: &str) -> Result<(), String> {
        match self {
            Row::Name => p.name = text.to_owned(),
            Row::Representative => p.representative = text.to_owned(),
            Row::Capital => {
                p.capital_yen = parse_yen(text).ok_or(
                    "資本金は 3000万円、1億5000万、30000000 のように入力します（空欄で未入力）",
                )?
            }
            Row::Employees => {
                p.employees = parse_count(text)
                    .ok_or("従業員数は 42 のように数字で入力します（空欄で未入力）")?
            }
            Row::Prefecture => p.prefecture = text.to_owned(),
            Row::Address => p.address = text.to_owned(),
            Row::Website => p.website = text.to_owned(),
            Row::Contact(i, part) => {
                if let Some(c) = p.contacts.get_mut(i) {
                    *part.get_mut(c) = text.to_owned();
                }
            }
            Row::Memo => p.memo = text.to_owned(),
            _ => {}
        }
        Ok(())
    }
}

/// The rows shown for a profile, in order.
fn rows(p: &Profile, table: &EligibilityTable) -> Vec<Row> {
    let mut rows = vec![Row::Name, Row::Representative, Row::Industry];
    let by_main = p
        .industry
        .and_then(|n| table.get(n))
        .is_some_and(|c| c.by_main_industry);
    if by_main || p.main_industry.is_some() {
        rows.push(Row::MainIndustry);
    }
    rows.extend([
        Row::Capital,
        Row::Employees,
        Row::Unincorporated,
        Row::TookPart,
        Row::Prefecture,
        Row::Address,
        Row::Website,
        Row::SecurityAction,
        Row::HasPolicy,
    ]);
    for i in 0..p.contacts.len() {
        rows.extend(Part::ALL.map(|part| Row::Contact(i, part)));
    }
    rows.extend([Row::AddContact, Row::Memo]);
    rows
}

/// `(12)` — ASCII, so the width is the same on every terminal.
fn numbered(c: &IndustryCategory) -> String {
    format!("({}) {}", c.no, c.name)
}

/// The limits of a category in words.
fn limits(c: &IndustryCategory, p: &Profile, table: &EligibilityTable) -> String {
    if c.by_main_industry {
        return match p
            .main_industry
            .and_then(|m| table.get(m))
            .and_then(|m| m.employee_limit.map(|l| (m, l)))
        {
            Some((m, l)) => format!("主たる業種 ({}) の基準: 常時従業員 {l}人以下", m.no),
            None => "主たる業種 (1)〜(8) の従業員基準で判定".into(),
        };
    }
    match (c.capital_limit_yen, c.employee_limit) {
        (Some(cap), Some(emp)) => format!("資本金 {} 以下 または 常時従業員 {emp}人以下", yen(cap)),
        (None, Some(emp)) => format!("常時従業員 {emp}人以下（資本金は問わない）"),
        (Some(cap), None) => format!("資本金 {} 以下", yen(cap)),
        (None, None) => "基準なし".into(),
    }
}

fn level_label(l: SecurityActionLevel) -> &'static str {
    match l {
        SecurityActionLevel::None => "なし",
        SecurityActionLevel::OneStar => "一つ星",
        SecurityActionLevel::TwoStars => "二つ星",
    }
}

/// Choosing the industry or the main industry from the table.
struct Choosing {
    row: Row,
    choices: Vec<u8>,
    picker: Picker,
}

struct Editing {
    row: Row,
    field: Field,
    error: Option<String>,
}

#[derive(Default)]
pub struct ProfileEditor {
    sel: usize,
    editing: Option<Editing>,
    picker: Option<Choosing>,
    /// Contact waiting for the second delete key.
    confirm: Confirm<usize>,
}

impl ProfileEditor {
    fn row(&self, p: &Profile, cat: &Catalog) -> Row {
        let rows = rows(p, &cat.eligibility);
        rows[self.sel.min(rows.len() - 1)]
    }

    fn select(&mut self, p: &Profile, cat: &Catalog, row: Row) {
        if let Some(i) = rows(p, &cat.eligibility).iter().position(|r| *r == row) {
            self.sel = i;
        }
    }

    fn start_edit(&mut self, row: Row, p: &Profile) {
        let text = row.text(p);
        let field = if row == Row::Memo {
            Field::multi(&text)
        } else {
            Field::single(&text)
        };
        self.editing = Some(Editing {
            row,
            field,
            error: None,
        });
    }

    /// Enter / x on a row: edit, pick, toggle or cycle.
    fn activate(&mut self, client: &mut Client, cat: &Catalog) -> Outcome {
        let p = &mut client.profile;
        let row = self.row(p, cat);
        match row {
            r if r.is_text() => {
                self.start_edit(r, p);
                Outcome::consumed()
            }
            Row::Industry | Row::MainIndustry => {
                let choices: Vec<u8> = if row == Row::Industry {
                    cat.eligibility.category.iter().map(|c| c.no).collect()
                } else {
                    cat.eligibility.main_industries().map(|c| c.no).collect()
                };
                let current = if row == Row::Industry {
                    p.industry
                } else {
                    p.main_industry
                };
                let sel = current
                    .and_then(|n| choices.iter().position(|c| *c == n))
                    .unwrap_or(0);
                let title = if row == Row::Industry {
                    "業種分類を選ぶ"
                } else {
                    "主たる業種を選ぶ"
                };
                let (options, limits) = industry_options(&choices, cat);
                let picker = Picker::new(title, options, sel).with_details(limits);
                self.picker = Some(Choosing {
                    row,
                    choices,
                    picker,
                });
                Outcome::consumed()
            }
            Row::Unincorporated => {
                p.unincorporated = !p.unincorporated;
                Outcome::changed()
            }
            Row::TookPart => {
                p.took_part_last_year = !p.took_part_last_year;
                Outcome::changed()
            }
            Row::HasPolicy => {
                p.has_basic_policy = !p.has_basic_policy;
                Outcome::changed()
            }
            Row::SecurityAction => {
                let all = SecurityActionLevel::ALL;
                let i = all
                    .iter()
                    .position(|l| *l == p.security_action)
                    .unwrap_or(0);
                p.security_action = all[(i + 1) % all.len()];
                Outcome::changed()
            }
            Row::AddContact => self.add_contact(client, cat),
            _ => Outcome::consumed(),
        }
    }

    fn add_contact(&mut self, client: &mut Client, cat: &Catalog) -> Outcome {
        let p = &mut client.profile;
        p.contacts.push(Contact::default());
        let row = Row::Contact(p.contacts.len() - 1, Part::Name);
        self.select(p, cat, row);
        self.start_edit(row, p);
        Outcome::changed()
    }

    fn delete(&mut self, client: &mut Client, ctx: &Ctx) -> Outcome {
        let (cat, delete_key) = (ctx.catalog, &ctx.key(Action::Delete));
        let p = &mut client.profile;
        let row = self.row(p, cat);
        let cleared = |what: &str| Outcome {
            message: Some(format!("{what}を未入力に戻しました")),
            ..Outcome::changed()
        };
        match row {
            Row::Contact(i, _) => {
                if !self.confirm.twice(Action::Delete, i) {
                    let what = format!("担当者{}を削除します", i + 1);
                    return Outcome {
                        message: Some(ask(delete_key, &what)),
                        ..Outcome::consumed()
                    };
                }
                let c = p.contacts.remove(i);
                let rows = rows(p, &cat.eligibility).len();
                self.sel = self.sel.min(rows - 1);
                Outcome {
                    message: Some(format!("担当者を削除しました: {}", c.name)),
                    ..Outcome::changed()
                }
            }
            Row::Industry => {
                p.industry = None;
                p.main_industry = None;
                cleared("業種分類")
            }
            Row::MainIndustry => {
                p.main_industry = None;
                cleared("主たる業種")
            }
            Row::Capital => {
                p.capital_yen = None;
                cleared("資本金")
            }
            Row::Employees => {
                p.employees = None;
                cleared("従業員数")
            }
            _ => Outcome::consumed(),
        }
    }

    fn key_picker(
        &mut self,
        action: Option<Action>,
        client: &mut Client,
        cat: &Catalog,
    ) -> Outcome {
        let Some(pk) = &mut self.picker else {
            return Outcome::ignored();
        };
        match pk.picker.key(action) {
            Picked::Chosen(sel) => {
                let no = pk.choices.get(sel).copied();
                let row = pk.row;
                self.picker = None;
                let p = &mut client.profile;
                if row == Row::Industry {
                    p.industry = no;
                    let by_main = no
                        .and_then(|n| cat.eligibility.get(n))
                        .is_some_and(|c| c.by_main_industry);
                    if !by_main {
                        p.main_industry = None;
                    } else if p.main_industry.is_none() {
                        // Go straight on to the main industry.
                        self.select(p, cat, Row::MainIndustry);
                        return Outcome {
                            message: Some("主たる業種を選んでください".into()),
                            ..Outcome::changed()
                        };
                    }
                } else {
                    p.main_industry = no;
                }
                Outcome::changed()
            }
            Picked::Closed => {
                self.picker = None;
                Outcome::consumed()
            }
            Picked::Open => Outcome::consumed(),
            // Quit, help, tabs, timer, notes and the rest keep working.
            Picked::Ignored => Outcome::ignored(),
        }
    }

    fn key_typing(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
    ) -> Outcome {
        let Some(ed) = &mut self.editing else {
            return Outcome::ignored();
        };
        let p = &mut client.profile;
        match ed.field.key(ev, action) {
            Step::Changed => write(ed, p),
            Step::Moved | Step::Other(_) => Outcome::consumed(),
            Step::Done => {
                let text = ed.field.trimmed();
                match ed.row.set(p, &text) {
                    Ok(()) => {
                        self.editing = None;
                        Outcome::changed()
                    }
                    Err(e) if action == Some(Action::Cancel) => {
                        self.editing = None;
                        Outcome {
                            message: Some(format!("読み取れないため元の値のままです。{e}")),
                            ..Outcome::changed()
                        }
                    }
                    Err(e) => {
                        ed.error = Some(e.clone());
                        Outcome {
                            message: Some(e),
                            ..Outcome::consumed()
                        }
                    }
                }
            }
        }
    }
}

/// Writes the field's text into the profile as it is typed.
fn write(ed: &mut Editing, p: &mut Profile) -> Outcome {
    let text = ed.field.text();
    let text = if ed.row == Row::Memo {
        text
    } else {
        text.trim().to_owned()
    };
    match ed.row.set(p, &text) {
        Ok(()) => {
            ed.error = None;
            Outcome::changed()
        }
        Err(e) => {
            ed.error = Some(e);
            Outcome::consumed()
        }
    }
}

impl Editor for ProfileEditor {
    fn typing(&self) -> bool {
        self.editing.is_some()
    }

    fn key(&mut self, Press { ev, action }: Press, client: &mut Client, ctx: &Ctx) -> Outcome {
        if self.editing.is_some() {
            return self.key_typing(ev, action, client);
        }
        if self.picker.is_some() {
            return self.key_picker(action, client, ctx.catalog);
        }
        self.confirm.seen(action);
        let n = rows(&client.profile, &ctx.catalog.eligibility).len();
        self.sel = self.sel.min(n - 1);
        match action {
            Some(Action::Up) => {
                self.sel = self.sel.saturating_sub(1);
                Outcome::consumed()
            }
            Some(Action::Down) => {
                self.sel = (self.sel + 1).min(n - 1);
                Outcome::consumed()
            }
            Some(Action::Edit | Action::Toggle) => self.activate(client, ctx.catalog),
            Some(Action::Add) => self.add_contact(client, ctx.catalog),
            Some(Action::Delete) => self.delete(client, ctx),
            _ => Outcome::ignored(),
        }
    }

    fn paste(&mut self, text: &str, client: &mut Client, _ctx: &Ctx) -> Outcome {
        match &mut self.editing {
            Some(ed) => match ed.field.paste(text) {
                Step::Changed => write(ed, &mut client.profile),
                _ => Outcome::consumed(),
            },
            None => Outcome::ignored(),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, client: &Client, ctx: &Ctx) {
        self.view(frame, area, client, ctx);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_industry_row_appears_for_associations_only() {
        let cat = Catalog::builtin().unwrap();
        let mut p = Profile {
            industry: Some(1),
            ..Profile::default()
        };
        assert!(!rows(&p, &cat.eligibility).contains(&Row::MainIndustry));
        p.industry = Some(14);
        assert!(rows(&p, &cat.eligibility).contains(&Row::MainIndustry));
        p.contacts.push(Contact::default());
        let r = rows(&p, &cat.eligibility);
        assert!(r.contains(&Row::Contact(0, Part::Phone)));
        assert_eq!(r.last(), Some(&Row::Memo));
    }
}
