//! Client profile editor (企業情報): every profile field, the industry chosen
//! from the eligibility table, contacts, and the eligibility verdict with its
//! reasons updated live (also while moving through the industry list).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

use super::{Ctx, Editor, Outcome};
use crate::action::Action;
use crate::content::Catalog;
use crate::domain::eligibility::{EligibilityTable, IndustryCategory, Verdict, verdict, yen};
use crate::domain::model::{Client, Contact, FormKind, Profile, SecurityActionLevel};
use crate::domain::parse::{parse_count, parse_yen};
use crate::domain::readiness::readiness;
use crate::keymap::Context;
use crate::text::{pad, pad_left};
use crate::widgets::Theme;
use crate::widgets::{Field, Step, fit, fit_text};

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
struct Picker {
    row: Row,
    choices: Vec<u8>,
    sel: usize,
}

struct Editing {
    row: Row,
    field: Field,
    /// The profile as last written, to notice a change made elsewhere
    /// (a read-only client undoes every change).
    expect: Profile,
    error: Option<String>,
}

pub struct ProfileEditor {
    sel: usize,
    editing: Option<Editing>,
    picker: Option<Picker>,
    /// Contact waiting for the second delete key.
    confirm: Option<usize>,
}

impl ProfileEditor {
    pub fn new() -> ProfileEditor {
        ProfileEditor {
            sel: 0,
            editing: None,
            picker: None,
            confirm: None,
        }
    }

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
            expect: p.clone(),
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
                self.picker = Some(Picker { row, choices, sel });
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

    fn delete(&mut self, client: &mut Client, cat: &Catalog) -> Outcome {
        let p = &mut client.profile;
        let row = self.row(p, cat);
        let cleared = |what: &str| Outcome {
            message: Some(format!("{what}を未入力に戻しました")),
            ..Outcome::changed()
        };
        match row {
            Row::Contact(i, _) => {
                if self.confirm != Some(i) {
                    self.confirm = Some(i);
                    return Outcome {
                        message: Some(format!(
                            "もう一度 削除キーで担当者{}を削除します（他のキーで取り消し）",
                            i + 1
                        )),
                        ..Outcome::consumed()
                    };
                }
                self.confirm = None;
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
        match action {
            Some(Action::Up) => pk.sel = pk.sel.saturating_sub(1),
            Some(Action::Down) => pk.sel = (pk.sel + 1).min(pk.choices.len().saturating_sub(1)),
            Some(Action::Edit | Action::Toggle | Action::Submit) => {
                let no = pk.choices.get(pk.sel).copied();
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
                            message: Some("主たる業種を選んでください（Enter）".into()),
                            ..Outcome::changed()
                        };
                    }
                } else {
                    p.main_industry = no;
                }
                return Outcome::changed();
            }
            Some(Action::Cancel) => self.picker = None,
            // Quit, help, tabs, timer, notes and the rest keep working.
            _ => return Outcome::ignored(),
        }
        Outcome::consumed()
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
        if *p != ed.expect {
            // What was typed did not stay (a read-only client undoes every
            // change): stop typing rather than pretend.
            self.editing = None;
            return Outcome {
                message: Some("読み取り専用で開いています。入力は保存されません".into()),
                ..Outcome::consumed()
            };
        }
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

impl Default for ProfileEditor {
    fn default() -> Self {
        Self::new()
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
            ed.expect = p.clone();
            Outcome::changed()
        }
        Err(e) => {
            ed.error = Some(e);
            Outcome::consumed()
        }
    }
}

impl Editor for ProfileEditor {
    fn form(&self) -> FormKind {
        FormKind::Profile
    }

    fn contexts(&self) -> Vec<Context> {
        vec![Context::Form]
    }

    fn typing(&self) -> bool {
        self.editing.is_some()
    }

    fn key(
        &mut self,
        ev: &KeyEvent,
        action: Option<Action>,
        client: &mut Client,
        ctx: &Ctx,
    ) -> Outcome {
        if self.editing.is_some() {
            return self.key_typing(ev, action, client);
        }
        if self.picker.is_some() {
            return self.key_picker(action, client, ctx.catalog);
        }
        if action != Some(Action::Delete) {
            self.confirm = None;
        }
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
            Some(Action::Delete) => self.delete(client, ctx.catalog),
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
        let theme = ctx.theme;
        let cat = ctx.catalog;
        let p = &client.profile;
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)])
                .areas(area);

        let rows = rows(p, &cat.eligibility);
        let edit_h = match &self.editing {
            Some(ed) if ed.field.is_multiline() => 8.min(left.height / 2),
            Some(_) => 3,
            None => 0,
        };
        // The memo in full below the list when there is room for it.
        let spare = left
            .height
            .saturating_sub(rows.len() as u16 + 2 + 1 + edit_h);
        let memo_h = if self.editing.is_none() && spare >= 4 && !p.memo.trim().is_empty() {
            spare
        } else {
            0
        };
        let [list_area, memo_area, edit_area, keys_area] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(memo_h),
            Constraint::Length(edit_h),
            Constraint::Length(1),
        ])
        .areas(left);

        let sel = self.sel.min(rows.len() - 1);
        let value_w = usize::from(list_area.width.saturating_sub(2)).saturating_sub(LABEL_W + 1);
        let items: Vec<ListItem> = rows
            .iter()
            .map(|row| {
                let (value, style) = value_of(*row, p, cat, theme);
                let value = value.replace('\n', " ");
                ListItem::new(Line::from(vec![
                    Span::styled(pad(&row.label(), LABEL_W), theme.dim()),
                    Span::raw(" "),
                    Span::styled(pad(&value, value_w), style),
                ]))
            })
            .collect();
        let title = " 企業情報の編集 ";
        let list = List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.focus_border())
                    .title(Span::styled(title, theme.focus_border())),
            )
            .highlight_style(theme.selected());
        let mut state = ListState::default().with_selected(Some(sel));
        frame.render_stateful_widget(list, list_area, &mut state);

        if memo_h > 0 {
            frame.render_widget(
                Paragraph::new(fit_text(
                    p.memo.trim(),
                    usize::from(memo_area.width.saturating_sub(2)),
                    Style::new(),
                ))
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border())
                        .title(Span::styled(" メモ ", theme.title())),
                ),
                memo_area,
            );
        }
        if self.editing.is_none() {
            let k = |a: Action| ctx.key(a);
            frame.render_widget(
                Span::styled(
                    format!(
                        " {} 編集  {} 担当者追加  {} 削除  Esc 閉じる",
                        k(Action::Edit),
                        k(Action::Add),
                        k(Action::Delete)
                    ),
                    theme.dim(),
                ),
                keys_area,
            );
        }
        if let Some(ed) = &self.editing {
            let title = match &ed.error {
                Some(_) => format!("{}（読み取れません）", ed.row.label()),
                None => ed.row.label(),
            };
            ed.field
                .draw(frame, edit_area, &title, "", ctx.keymap, ctx.theme);
        }

        // The verdict, previewing the highlighted choice while picking.
        let mut preview = p.clone();
        if let Some(pk) = &self.picker {
            let no = pk.choices.get(pk.sel).copied();
            if pk.row == Row::Industry {
                preview.industry = no;
            } else {
                preview.main_industry = no;
            }
        }
        draw_verdict(
            frame,
            right,
            &preview,
            client,
            cat,
            theme,
            self.picker.is_some(),
        );

        if let Some(pk) = &self.picker {
            draw_picker(frame, list_area, pk, cat, theme);
        }
    }
}

/// The value shown for a row, and its style.
fn value_of(row: Row, p: &Profile, cat: &Catalog, theme: Theme) -> (String, Style) {
    let missing = || ("未入力".to_owned(), theme.dim());
    let yes_no = |b: bool, yes: &str, no: &str| (if b { yes } else { no }).to_owned();
    match row {
        Row::Industry => match p.industry.and_then(|n| cat.eligibility.get(n)) {
            Some(c) => (numbered(c), Style::new()),
            None => missing(),
        },
        Row::MainIndustry => match p.main_industry.and_then(|n| cat.eligibility.get(n)) {
            Some(c) => (numbered(c), Style::new()),
            None => ("未入力（(12)〜(15) は必須）".into(), theme.warn()),
        },
        Row::Capital => match p.capital_yen {
            Some(c) => (yen(c), Style::new()),
            None => missing(),
        },
        Row::Employees => match p.employees {
            Some(e) => (format!("{e}人"), Style::new()),
            None => missing(),
        },
        Row::Unincorporated if p.unincorporated => {
            ("なし（法人格のない任意団体・対象外）".into(), theme.alert())
        }
        Row::Unincorporated => ("あり".into(), Style::new()),
        Row::TookPart if p.took_part_last_year => {
            ("前年度に参加した（対象外）".into(), theme.alert())
        }
        Row::TookPart => ("なし".into(), Style::new()),
        Row::SecurityAction => (level_label(p.security_action).into(), Style::new()),
        Row::HasPolicy => (yes_no(p.has_basic_policy, "あり", "なし"), Style::new()),
        Row::AddContact => ("+ 担当者を追加（Enter または a）".into(), theme.dim()),
        r => {
            let t = r.text(p);
            if t.trim().is_empty() {
                missing()
            } else {
                (t, Style::new())
            }
        }
    }
}

fn draw_verdict(
    frame: &mut Frame,
    area: Rect,
    p: &Profile,
    client: &Client,
    cat: &Catalog,
    theme: Theme,
    previewing: bool,
) {
    let v = verdict(p, &cat.eligibility);
    let style = match v {
        Verdict::Eligible(_) => theme.ok(),
        Verdict::NotEligible(_) => theme.alert(),
        Verdict::Undetermined(_) => theme.warn(),
    };
    let mut lines = vec![Line::from(vec![
        Span::raw("判定: "),
        Span::styled(v.label(), style),
        Span::styled(
            if previewing {
                "（選択中の業種で試算）"
            } else {
                ""
            },
            theme.dim(),
        ),
    ])];
    for r in v.reasons() {
        lines.push(Line::from(format!(" - {}", r.text())));
    }
    lines.push(Line::from(""));
    match p.industry.and_then(|n| cat.eligibility.get(n)) {
        Some(c) => {
            lines.push(Line::styled(format!("基準 {}", numbered(c)), theme.title()));
            lines.push(Line::from(format!(" {}", limits(c, p, &cat.eligibility))));
        }
        None => lines.push(Line::styled(
            "基準: 業種分類を選ぶと表示します",
            theme.dim(),
        )),
    }
    lines.push(Line::styled(
        "法人格のない任意団体と前年度の参加企業は対象外",
        theme.dim(),
    ));
    lines.push(Line::from(""));
    let r = readiness(client);
    lines.push(Line::styled(
        format!(
            "二つ星宣言の準備: {}",
            if r.complete() { "完了" } else { "未完了" }
        ),
        theme.title(),
    ));
    for c in r.checks {
        match c.missing {
            None => lines.push(Line::styled(format!(" 済 {}", c.label), theme.ok())),
            Some(m) => lines.push(Line::styled(format!(" 未 {}: {m}", c.label), theme.warn())),
        }
    }
    let width = usize::from(area.width.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(fit(lines, width)).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border())
                .title(Span::styled(" 対象判定（中小企業等） ", theme.title())),
        ),
        area,
    );
}

fn draw_picker(frame: &mut Frame, area: Rect, pk: &Picker, cat: &Catalog, theme: Theme) {
    let h = (pk.choices.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + 1,
        y: area.y + (area.height - h) / 2,
        width: area.width.saturating_sub(2),
        height: h,
    };
    frame.render_widget(Clear, rect);
    let w = usize::from(rect.width.saturating_sub(2));
    let items: Vec<ListItem> = pk
        .choices
        .iter()
        .filter_map(|n| cat.eligibility.get(*n))
        .map(|c| {
            let lim = if c.by_main_industry {
                "主たる業種の基準".to_owned()
            } else {
                match (c.capital_limit_yen, c.employee_limit) {
                    (Some(cap), Some(e)) => format!("{}/{e}人", yen(cap)),
                    (None, Some(e)) => format!("{e}人"),
                    _ => String::new(),
                }
            };
            const LIM_W: usize = 17;
            ListItem::new(Line::from(vec![
                Span::raw(pad(&numbered(c), w.saturating_sub(LIM_W + 1))),
                Span::raw(" "),
                Span::styled(pad_left(&lim, LIM_W), theme.dim()),
            ]))
        })
        .collect();
    let title = if pk.row == Row::Industry {
        " 業種分類を選ぶ（Enter 決定・Esc 取消） "
    } else {
        " 主たる業種を選ぶ（Enter 決定・Esc 取消） "
    };
    let list = List::new(items)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border())
                .title(Span::styled(title, theme.focus_border())),
        )
        .highlight_style(theme.selected());
    let mut state = ListState::default().with_selected(Some(pk.sel));
    frame.render_stateful_widget(list, rect, &mut state);
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
