//! One running session at a time, and a finished session's times kept as
//! history: what a timer key must ask before it changes a session.

use super::agenda::current;
use super::model::{Client, Session};
use crate::domain::model::Stamp;

/// The session's timer runs now (an item running, not paused).
pub fn running(s: &Session) -> bool {
    s.paused_at.is_none() && current(&s.agenda).is_some()
}

/// The session live now: the one whose timer runs, else one paused in the
/// middle of an item. What the status line follows and where a quick note
/// goes, whatever tab is on screen.
pub fn live(client: &Client) -> Option<usize> {
    let s = &client.sessions;
    (0..s.len())
        .find(|&i| running(&s[i]))
        .or_else(|| (0..s.len()).find(|&i| current(&s[i].agenda).is_some()))
}

/// What a change needs confirmed before it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ask {
    /// The change reopens or re-times a finished session (its recorded
    /// times would change).
    pub reopens_finished: bool,
    /// Another session (its index) runs and is paused first.
    pub pauses: Option<usize>,
}

impl Ask {
    pub fn needed(&self) -> bool {
        self.reopens_finished || self.pauses.is_some()
    }
}

/// What changing session `i` of `client` into `after` must ask first: a
/// session that starts running while another runs pauses that one, and a
/// finished session's recorded times (starts, ends, pauses, its end) change
/// only when confirmed. Plans (minutes, fixed, titles) change freely.
pub fn ask(client: &Client, i: usize, after: &Session) -> Ask {
    let before = &client.sessions[i];
    let pauses = (running(after) && !running(before))
        .then(|| (0..client.sessions.len()).find(|j| *j != i && running(&client.sessions[*j])))
        .flatten();
    Ask {
        reopens_finished: before.completed_at.is_some() && recorded(before) != recorded(after),
        pauses,
    }
}

/// The recorded times of a session, to compare.
type Record = (
    Vec<(Option<Stamp>, Option<Stamp>, u32, u32)>,
    Option<Stamp>,
    Option<Stamp>,
);

fn recorded(s: &Session) -> Record {
    (
        s.agenda
            .iter()
            .map(|i| (i.started_at, i.ended_at, i.paused_secs, i.ran_secs))
            .collect(),
        s.paused_at,
        s.completed_at,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::AgendaItem;
    use crate::domain::test_clock::at;
    use crate::domain::testing::blank_client;
    use crate::domain::timer;

    fn client() -> Client {
        let mut c = blank_client();
        for s in &mut c.sessions {
            s.agenda = (0..3)
                .map(|k| AgendaItem {
                    title: format!("議題{k}"),
                    minutes: 10,
                    ..Default::default()
                })
                .collect();
        }
        c
    }

    /// Runs `op` on a copy of session `i` and says what it must ask.
    fn try_op(c: &Client, i: usize, op: impl Fn(&mut Session)) -> Ask {
        let mut after = c.sessions[i].clone();
        op(&mut after);
        ask(c, i, &after)
    }

    #[test]
    fn starting_a_second_session_asks_to_pause_the_first() {
        let mut c = client();
        timer::toggle(&mut c.sessions[0], at(13, 30));
        assert!(running(&c.sessions[0]));
        let a = try_op(&c, 1, |s| {
            timer::toggle(s, at(13, 40));
        });
        assert_eq!(a.pauses, Some(0));
        assert!(a.needed());
        // ] and [ that would run session 2 ask too.
        let a = try_op(&c, 1, |s| {
            timer::next(s, at(13, 40));
        });
        assert_eq!(a.pauses, Some(0));
        // Once session 1 is paused, session 2 starts freely.
        timer::toggle(&mut c.sessions[0], at(13, 41));
        assert!(!running(&c.sessions[0]));
        let a = try_op(&c, 1, |s| {
            timer::toggle(s, at(13, 42));
        });
        assert!(!a.needed());
        // Resuming session 1 while session 2 runs asks in turn.
        timer::toggle(&mut c.sessions[1], at(13, 42));
        let a = try_op(&c, 0, |s| {
            timer::toggle(s, at(13, 43));
        });
        assert_eq!(a.pauses, Some(1));
        // Pausing or re-planning the running session asks nothing.
        let a = try_op(&c, 1, |s| {
            timer::toggle(s, at(13, 44));
        });
        assert!(!a.needed());
    }

    #[test]
    fn a_finished_session_refuses_re_timing_without_asking() {
        let mut c = client();
        let s = &mut c.sessions[0];
        for m in [30, 40, 50, 55] {
            timer::next(s, at(13, m));
        }
        assert!(s.completed_at.is_some());
        // [ reopens it: asks.
        let a = try_op(&c, 0, |s| {
            timer::prev(s, at(15, 0));
        });
        assert!(a.reopens_finished);
        // ] and Space leave it as it is: nothing to ask, nothing changed.
        let before = c.sessions[0].clone();
        let a = try_op(&c, 0, |s| {
            assert!(matches!(
                timer::toggle(s, at(15, 0)),
                timer::Outcome::Nothing(_)
            ));
            timer::next(s, at(15, 1));
        });
        assert!(!a.needed());
        let mut after = before.clone();
        timer::next(&mut after, at(15, 1));
        assert_eq!(after, before);
        // Changing its plan is no re-timing.
        let a = try_op(&c, 0, |s| s.agenda[0].minutes = 15);
        assert!(!a.needed());
        // A correction of a recorded start is.
        let a = try_op(&c, 0, |s| s.agenda[0].started_at = Some(at(13, 31)));
        assert!(a.reopens_finished);
    }
}
