//! What a shared screen may show of a session (the presentation board):
//! the item running, the time left in it, the next item and the projected
//! end against the fixed end. It is built from the agenda and the timer
//! only — never from notes, forms, answers or the profile — so whatever
//! draws a board cannot leak them onto a projector or a web-meeting share.

use chrono::Duration;

use super::agenda;
use super::live;
use super::model::{Client, Stamp};
use super::timer;
use super::window::{self, Standing};

/// Where the session's timer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No item started yet (or none running between items).
    Waiting,
    Running,
    Paused,
    /// The session is finished (実施済み).
    Finished,
}

/// The shareable state of one session at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    /// Session index, 0–3 (第1回 is 0).
    pub session: usize,
    pub phase: Phase,
    /// Title of the item running (or paused) now.
    pub item: Option<String>,
    /// Time left in that item; negative once it overruns.
    pub left: Option<Duration>,
    /// The item `]` starts next, with its planned minutes (what it still
    /// takes, when `[` left it part-run).
    pub next: Option<(String, u32)>,
    /// The projected end against the fixed end.
    pub standing: Option<Standing>,
}

/// The board of session `index` of `client` at `now`.
pub fn board(client: &Client, index: usize, now: Stamp) -> Board {
    let s = &client.sessions[index.min(client.sessions.len() - 1)];
    let current = agenda::current(&s.agenda);
    let phase = match current {
        Some(_) if s.paused_at.is_some() => Phase::Paused,
        Some(_) => Phase::Running,
        None if s.completed_at.is_some() => Phase::Finished,
        None => Phase::Waiting,
    };
    let next = timer::first_pending(s).map(|i| {
        let left = agenda::still_to_run(&s.agenda[i]);
        let minutes = (left.num_seconds() + 59) / 60;
        (
            s.agenda[i].title.clone(),
            u32::try_from(minutes).unwrap_or(0),
        )
    });
    Board {
        session: index,
        phase,
        item: current.map(|i| s.agenda[i].title.clone()),
        left: current.map(|i| agenda::remaining(&s.agenda[i], now, s.paused_at)),
        next,
        standing: window::standing(s, now),
    }
}

/// The session a shared screen follows when none is named: the one whose
/// timer runs, else the first not done (a paused one, or the next to hold),
/// else the last.
pub fn followed(client: &Client) -> usize {
    let n = client.sessions.len();
    (0..n)
        .find(|&i| live::running(&client.sessions[i]))
        .or_else(|| (0..n).find(|&i| client.sessions[i].completed_at.is_none()))
        .unwrap_or(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Note, NoteKind};
    use crate::domain::test_clock::{at, planned};
    use crate::domain::testing::blank_client;

    fn client() -> Client {
        let mut c = blank_client();
        for s in &mut c.sessions {
            *s = planned(&[10, 20, 30]);
        }
        c
    }

    #[test]
    fn before_the_start_the_first_item_is_next() {
        let c = client();
        let b = board(&c, 0, at(13, 0));
        assert_eq!(b.phase, Phase::Waiting);
        assert_eq!((b.item, b.left), (None, None));
        assert_eq!(b.next, Some(("10".into(), 10)));
        let st = b.standing.unwrap();
        assert_eq!((st.projected, st.end, st.over), (at(14, 30), at(14, 30), 0));
    }

    #[test]
    fn running_paused_overrun_and_finished() {
        let mut c = client();
        let s = &mut c.sessions[1];
        timer::toggle(s, at(13, 30));
        let b = board(&c, 1, at(13, 35));
        assert_eq!(b.phase, Phase::Running);
        assert_eq!(b.item.as_deref(), Some("10"));
        assert_eq!(b.left, Some(Duration::minutes(5)));
        assert_eq!(b.next, Some(("20".into(), 20)));
        // Overrun: negative, and the projected end moves past the fixed end.
        let b = board(&c, 1, at(13, 45));
        assert_eq!(b.left, Some(Duration::minutes(-5)));
        assert_eq!(b.standing.unwrap().offset(), "+5分");
        timer::toggle(&mut c.sessions[1], at(13, 45));
        assert_eq!(board(&c, 1, at(13, 50)).phase, Phase::Paused);
        assert_eq!(
            board(&c, 1, at(13, 50)).left,
            Some(Duration::minutes(-5)),
            "paused: the clock stands"
        );
        let s = &mut c.sessions[1];
        timer::toggle(s, at(13, 50));
        timer::next(s, at(13, 50));
        timer::next(s, at(14, 10));
        let b = board(&c, 1, at(14, 10));
        assert_eq!(b.item.as_deref(), Some("30"));
        assert_eq!(b.next, None, "the last item has no next");
        timer::next(&mut c.sessions[1], at(14, 40));
        let b = board(&c, 1, at(15, 0));
        assert_eq!(b.phase, Phase::Finished);
        assert_eq!(b.standing.unwrap().projected, at(14, 40));
    }

    #[test]
    fn the_next_item_is_what_the_timer_starts_next() {
        let mut c = client();
        let s = &mut c.sessions[0];
        s.agenda[1].skipped = true;
        timer::toggle(s, at(13, 30));
        assert_eq!(board(&c, 0, at(13, 31)).next, Some(("30".into(), 30)));
        // `[` from the third item back to the first: the third, part-run,
        // comes next with what it still takes.
        let s = &mut c.sessions[0];
        timer::next(s, at(13, 40));
        timer::prev(s, at(13, 52));
        let b = board(&c, 0, at(13, 52));
        assert_eq!(b.item.as_deref(), Some("10"));
        assert_eq!(b.next, Some(("30".into(), 18)));
    }

    #[test]
    fn a_board_carries_nothing_but_the_agenda_and_the_clock() {
        let mut c = client();
        c.sessions[0].notes.push(Note {
            at: at(13, 31),
            text: "社長は予算に消極的".into(),
            kind: NoteKind::Issue,
            item: Some("10".into()),
            carried: false,
        });
        c.sessions[0].report = "所感の本文".into();
        timer::toggle(&mut c.sessions[0], at(13, 30));
        let shown = format!("{:?}", board(&c, 0, at(13, 31)));
        assert!(
            !shown.contains("社長") && !shown.contains("所感"),
            "{shown}"
        );
    }

    #[test]
    fn the_followed_session_is_the_running_one_else_the_first_not_done() {
        let mut c = client();
        assert_eq!(followed(&c), 0);
        timer::toggle(&mut c.sessions[2], at(13, 30));
        assert_eq!(followed(&c), 2, "the running one, wherever it is");
        timer::toggle(&mut c.sessions[2], at(13, 31));
        assert_eq!(followed(&c), 0, "paused: the first not done");
        for s in &mut c.sessions {
            s.completed_at = Some(at(17, 0));
        }
        assert_eq!(followed(&c), 3, "all done: the last");
    }
}
