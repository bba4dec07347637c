//! The preparation checklist edited (add, edit, delete with undo) and what
//! a session takes from the one before it: the requests carried into its
//! checklist, its date from the agreed next date, and the look back.

use super::reader::{Reader, Tone};
use super::{App, Input, Pane, Purpose};
use crate::domain::carry;
use crate::domain::dates::on_screen;
use crate::domain::model::{Note, PrepItem, Side};

impl App {
    /// The session shown takes what the one before it handed over (see
    /// `domain::carry`); a read-only client is left as it is.
    pub(super) fn arrive(&mut self) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let Some(i) = w.session_index() else { return };
        if w.read_only() || i == 0 {
            return;
        }
        let (dated, copied) = carry::carry_over(&mut w.client, i);
        if !dated && copied == 0 {
            return;
        }
        w.dirty = true;
        let mut said = Vec::new();
        if copied > 0 {
            said.push(format!(
                "第{i}回の依頼事項 {copied}件を事前準備に入れました"
            ));
        }
        if let Some(d) = w.client.sessions[i].date.filter(|_| dated) {
            said.push(format!("実施日は第{i}回に決めた次回 {}", on_screen(d)));
        }
        let said = said.join("。");
        // After what opening the client said (an upgrade, modes fixed).
        self.message = Some(match self.message.take() {
            Some(before) => format!("{before}\n{said}"),
            None => said,
        });
    }

    /// The input for editing the selected preparation item (text and side).
    pub(super) fn prep_input(&self) -> Option<Input> {
        let w = self.workspace()?;
        let i = w.selected(Pane::Prep);
        let p = w.session()?.prep.get(i)?;
        let mut input = Input::new(Purpose::EditPrep(i), "事前準備の項目を編集", &p.text);
        input.side = p.side;
        Some(input)
    }

    /// A preparation item added or edited.
    pub(super) fn submit_prep(
        &mut self,
        purpose: &Purpose,
        text: &str,
        side: Side,
        delete_key: &str,
    ) -> Result<(), String> {
        let Some(w) = self.workspace_mut() else {
            return Ok(());
        };
        let Some(s) = w.session_mut() else {
            return Ok(());
        };
        match purpose {
            Purpose::AddPrep if text.is_empty() => return Ok(()),
            Purpose::AddPrep => {
                s.prep.push(PrepItem {
                    side,
                    text: text.to_owned(),
                    done: false,
                    from: None,
                });
                let n = s.prep.len();
                w.set_selected(Pane::Prep, n - 1);
                w.dirty = true;
                self.message = Some(format!("事前準備に追加しました（{}）", side.label()));
                return Ok(());
            }
            Purpose::EditPrep(_) if text.is_empty() => {
                return Err(format!("空の項目にはできません（削除は {delete_key}）"));
            }
            Purpose::EditPrep(i) => {
                let p = s.prep.get_mut(*i).ok_or("項目が見つかりません")?;
                p.text = text.to_owned();
                p.side = side;
            }
            _ => return Ok(()),
        }
        w.dirty = true;
        Ok(())
    }

    /// The look back (前回の振り返り) over the session screen, or closed.
    pub(super) fn look_back(&mut self) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let Some(i) = w.session_index() else {
            self.message = Some("前回の振り返りは第2回〜第4回の画面で表示します".into());
            return;
        };
        if i == 0 {
            self.message = Some("第1回には前回がありません".into());
            return;
        }
        let (prev, this) = (&w.client.sessions[i - 1], &w.client.sessions[i]);
        let lb = carry::look_back(prev, i as u8, this);
        let line = |n: &Note| format!("{} {}", n.at.format("%H:%M"), n.text);
        let mut lines = vec![(
            Tone::Dim,
            match prev.date {
                Some(d) => format!("第{i}回 {}の決定事項・依頼事項・課題", on_screen(d)),
                None => format!("第{i}回の決定事項・依頼事項・課題"),
            },
        )];
        let mut section = |title: &str, entries: Vec<String>| {
            lines.push((Tone::Heading, format!("【{title}】{}件", entries.len())));
            if entries.is_empty() {
                lines.push((Tone::Dim, "（なし）".into()));
            }
            lines.extend(entries.into_iter().map(|e| (Tone::Text, e)));
        };
        section("決定事項", lb.decisions.iter().map(|n| line(n)).collect());
        section(
            "依頼事項（今回の事前準備での状況）",
            lb.requests
                .iter()
                .map(|(n, tick)| {
                    let mark = match tick {
                        Some(true) => "[x]",
                        Some(false) => "[ ]",
                        None => "[-]",
                    };
                    format!("{mark} {}", line(n))
                })
                .collect(),
        );
        section("課題", lb.issues.iter().map(|n| line(n)).collect());
        lines.push((
            Tone::Dim,
            "[x] 済・[ ] 未了・[-] 事前準備にない（未転記または削除）".into(),
        ));
        let mut r = Reader::new(format!("前回の振り返り（第{i}回）"), lines);
        r.look_back = true;
        w.reader = Some(r);
    }
}
