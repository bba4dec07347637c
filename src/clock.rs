//! The app's clock: the wall-clock time, in the machine's current UTC offset,
//! advanced by the real time that passed (`domain::clock::advance`), so an
//! NTP step or a hand-set clock during a session neither freezes the timer
//! nor makes it jump.

use std::time::Duration;

use chrono::TimeDelta;

use crate::domain::clock::{Advance, advance};
use crate::domain::model::Stamp;

/// The wall clock now, with the machine's current UTC offset.
pub fn wall() -> Stamp {
    chrono::Local::now().fixed_offset()
}

/// Real time since an arbitrary origin that setting the wall clock does not
/// move. On Linux CLOCK_BOOTTIME, which also counts a suspend (a laptop
/// closed during the break); elsewhere the monotonic clock.
fn real() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into a valid, initialised timespec.
        if unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) } == 0 {
            return Duration::new(
                ts.tv_sec.max(0) as u64,
                ts.tv_nsec.clamp(0, 999_999_999) as u32,
            );
        }
    }
    use std::sync::OnceLock;
    static ORIGIN: OnceLock<std::time::Instant> = OnceLock::new();
    ORIGIN.get_or_init(std::time::Instant::now).elapsed()
}

/// The app's time, advanced on each `tick`.
pub struct Clock {
    now: Stamp,
    wall: Stamp,
    real: Duration,
    /// A wall-clock step seen by a tick and not yet taken.
    step: Option<TimeDelta>,
}

impl Clock {
    pub fn start() -> Clock {
        let now = wall();
        Clock {
            now,
            wall: now,
            real: real(),
            step: None,
        }
    }

    /// The app's time now. A step of the wall clock seen here is kept for
    /// `take_step`, however often the loop asks for the time.
    pub fn tick(&mut self) -> Stamp {
        let (w, r) = (wall(), real());
        let passed = TimeDelta::from_std(r.saturating_sub(self.real)).unwrap_or(TimeDelta::zero());
        let Advance { now, stepped } = advance(self.now, self.wall, w, passed);
        if let Some(s) = stepped {
            self.step = Some(self.step.unwrap_or(TimeDelta::zero()) + s);
        }
        self.now = now;
        self.wall = w;
        self.real = r;
        now
    }

    /// How far the wall clock jumped beyond real time since last asked.
    pub fn take_step(&mut self) -> Option<TimeDelta> {
        self.step.take()
    }
}
