//! What one session hands to the next: its requests to the company
//! (依頼事項) become the next session's preparation items, its agreed next
//! date (次回) the next session's date, and its decisions, requests and
//! issues the look back (前回の振り返り) at the start of the next.
//!
//! Requests are copied, not shown live: the copy is an ordinary preparation
//! item (ticked, edited, deleted like any other, and its tick saved with it)
//! that remembers the session it came from (`PrepItem::from`), and the note
//! is marked `carried`, so opening the session again never copies it twice
//! and an item deleted on purpose does not come back. A request written
//! after the copy is copied the next time the next session is shown.

use super::model::{Client, Note, NoteKind, PrepItem, Session, Side};

/// Copies the requests of the session before `to` (an index, 1–3) that were
/// not copied yet into `to`'s preparation checklist, on the company's side,
/// at its top (after those copied before); the number copied.
pub fn carry_requests(client: &mut Client, to: usize) -> usize {
    if to == 0 || to >= client.sessions.len() {
        return 0;
    }
    let (before, after) = client.sessions.split_at_mut(to);
    let (prev, next) = (&mut before[to - 1], &mut after[0]);
    let mut copied = 0;
    for note in prev
        .notes
        .iter_mut()
        .filter(|n| n.kind == NoteKind::Request && !n.carried)
    {
        note.carried = true;
        if note.text.trim().is_empty() {
            continue;
        }
        // At the top, after the ones carried before: the first thing to
        // look at, and in view on a small screen.
        let at = next.prep.iter().take_while(|p| p.from.is_some()).count();
        next.prep.insert(
            at,
            PrepItem {
                side: Side::Company,
                text: note.text.clone(),
                done: false,
                from: Some(to as u8),
            },
        );
        copied += 1;
    }
    copied
}

/// Session `to` (an index) takes the next date agreed in the session before
/// it as its date when it has none; whether it did.
pub fn fill_date(client: &mut Client, to: usize) -> bool {
    if to == 0 || to >= client.sessions.len() {
        return false;
    }
    let agreed = client.sessions[to - 1].next_date;
    let next = &mut client.sessions[to];
    match (next.date, agreed) {
        (None, Some(d)) => {
            next.date = Some(d);
            true
        }
        _ => false,
    }
}

/// Everything session `to` takes from the one before it: whether its date
/// was filled, and how many requests were copied into its checklist.
pub fn carry_over(client: &mut Client, to: usize) -> (bool, usize) {
    let dated = fill_date(client, to);
    (dated, carry_requests(client, to))
}

/// The previous session as the look back (前回の振り返り) shows it.
#[derive(Debug, PartialEq)]
pub struct LookBack<'a> {
    pub decisions: Vec<&'a Note>,
    /// Each request with the tick of its copy in this session's checklist
    /// (`None` when it has none: not copied yet, or the copy was deleted).
    pub requests: Vec<(&'a Note, Option<bool>)>,
    pub issues: Vec<&'a Note>,
}

/// The decisions, requests and issues of `prev`; a request's tick is its
/// copy's in `this` (same text, from `prev_no`).
pub fn look_back<'a>(prev: &'a Session, prev_no: u8, this: &Session) -> LookBack<'a> {
    let of = |k: NoteKind| prev.notes.iter().filter(move |n| n.kind == k);
    let tick = |n: &Note| {
        this.prep
            .iter()
            .find(|p| p.from == Some(prev_no) && p.text == n.text)
            .map(|p| p.done)
    };
    LookBack {
        decisions: of(NoteKind::Decision).collect(),
        requests: of(NoteKind::Request).map(|n| (n, tick(n))).collect(),
        issues: of(NoteKind::Issue).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{blank_client, notes};
    use chrono::NaiveDate;

    #[test]
    fn requests_are_copied_once_and_a_deleted_copy_stays_deleted() {
        let mut c = blank_client();
        c.sessions[0].notes = notes(&[
            (NoteKind::Request, "組織図を送ってもらう"),
            (NoteKind::Decision, "次回は本社で"),
            (NoteKind::Request, "ネットワーク構成図"),
            (NoteKind::Request, "  "),
        ]);
        let own = PrepItem {
            side: Side::Expert,
            text: "前回の結果を整理する".into(),
            done: false,
            from: None,
        };
        c.sessions[1].prep = vec![own.clone()];
        assert_eq!(carry_requests(&mut c, 1), 2);
        let prep = &c.sessions[1].prep;
        assert_eq!(prep.len(), 3);
        assert_eq!(prep[0].text, "組織図を送ってもらう", "at the top");
        assert_eq!(prep[0].side, Side::Company);
        assert_eq!(prep[0].from, Some(1));
        assert!(!prep[0].done);
        assert_eq!(prep[2], own, "the checklist's own items follow");
        // Opening again copies nothing; the tick stays.
        c.sessions[1].prep[0].done = true;
        assert_eq!(carry_requests(&mut c, 1), 0);
        assert_eq!(c.sessions[1].prep.len(), 3);
        assert!(c.sessions[1].prep[0].done);
        // A deleted copy does not come back; a new request is copied after
        // the ones copied before.
        c.sessions[1].prep.remove(1);
        c.sessions[0]
            .notes
            .extend(notes(&[(NoteKind::Request, "見積書")]));
        assert_eq!(carry_requests(&mut c, 1), 1);
        let texts: Vec<_> = c.sessions[1].prep.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["組織図を送ってもらう", "見積書", "前回の結果を整理する"]
        );
        // Edges: nothing before session 1, nothing after session 4.
        assert_eq!(carry_requests(&mut c, 0), 0);
        assert_eq!(carry_requests(&mut c, 4), 0);
        assert_eq!(carry_over(&mut c, 1), (false, 0), "nothing new");
    }

    #[test]
    fn the_next_date_fills_an_empty_date_only() {
        let mut c = blank_client();
        let d = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        c.sessions[0].next_date = Some(d);
        assert!(fill_date(&mut c, 1));
        assert_eq!(c.sessions[1].date, Some(d));
        let other = NaiveDate::from_ymd_opt(2026, 12, 16).unwrap();
        c.sessions[0].next_date = Some(other);
        assert!(!fill_date(&mut c, 1), "a date set stays");
        assert_eq!(c.sessions[1].date, Some(d));
        assert!(!fill_date(&mut c, 2), "no next date agreed in session 2");
        assert_eq!(c.sessions[2].date, None);
        assert!(!fill_date(&mut c, 0));
        assert!(!fill_date(&mut c, 9));
    }

    #[test]
    fn the_look_back_has_decisions_requests_with_their_ticks_and_issues() {
        let mut c = blank_client();
        let kinds = [NoteKind::Note, NoteKind::Decision, NoteKind::Request];
        let texts = ["雑談", "基本方針は社長名で出す", "組織図"];
        let mut specs: Vec<_> = kinds.into_iter().zip(texts).collect();
        specs.extend([
            (NoteKind::Request, "構成図"),
            (NoteKind::Issue, "バックアップが手作業"),
        ]);
        c.sessions[0].notes = notes(&specs);
        carry_requests(&mut c, 1);
        c.sessions[1].prep[0].done = true;
        c.sessions[1].prep.remove(1);
        let lb = look_back(&c.sessions[0], 1, &c.sessions[1]);
        assert_eq!(lb.decisions.len(), 1);
        assert_eq!(lb.issues[0].text, "バックアップが手作業");
        let ticks: Vec<_> = lb
            .requests
            .iter()
            .map(|(n, t)| (n.text.as_str(), *t))
            .collect();
        assert_eq!(ticks, [("組織図", Some(true)), ("構成図", None)]);
        let empty = look_back(&c.sessions[2], 3, &c.sessions[3]);
        assert!(empty.decisions.is_empty() && empty.requests.is_empty() && empty.issues.is_empty());
    }
}
