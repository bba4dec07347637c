//! The presentation window's figures (issue 14, point 10), measured on this
//! machine and written into the section "Present window" of BENCHMARKS.md:
//!
//! - latency from a save to the change on the present screen: the real
//!   binary `bansou present demo` in a pseudo-terminal (read through the
//!   tests' vt100 harness), while this process saves the client 50 times
//!   (`Store::save`: temporary file, fsync, rename), each time with a new
//!   title for the next item; timed from the moment the save starts until
//!   the new title is on the emulated screen (the rename that makes the new
//!   file visible comes before the save's last fsync, so the window often
//!   has it before the save returns). Once with file events
//!   (inotify) and once with the poll fallback (`BANSOU_TEST_POLL`).
//! - idle CPU: utime + stime from `/proc/<pid>/stat` over 30 s while the
//!   window shows a running timer (redrawn every second) and nothing is saved.
//!
//! Run: `cargo bench --bench present` (release build; about a minute and a
//! half). Linux only (`/proc`).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use bansou::content::Catalog;
use bansou::store::Store;

#[path = "support/procstat.rs"]
mod procstat;
#[path = "../tests/it/pty_support/mod.rs"]
mod pty_support;
#[path = "../tests/it/scale_data.rs"]
mod scale_data;

use pty_support::{Env, Screen};

const SAVES: usize = 50;
const IDLE: Duration = Duration::from_secs(30);

struct Latency {
    sorted: Vec<Duration>,
    save: Duration,
}

impl Latency {
    fn median(&self) -> Duration {
        self.sorted[self.sorted.len() / 2]
    }
    fn max(&self) -> Duration {
        *self.sorted.last().unwrap()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A little pseudo-random pause, so the saves do not keep step with the
/// window's once-a-second redraw.
fn jitter(n: usize) -> Duration {
    Duration::from_millis(80 + (n as u64 * 7919) % 240)
}

/// Saves `SAVES` times and times each change until it is on the screen.
fn latency(data: &std::path::Path, config: &std::path::Path, vars: &[(&str, &str)]) -> Latency {
    let store = Store::new(data);
    let mut c = store.load("demo").unwrap().client;
    let env = Env {
        data,
        config,
        rows: 40,
        cols: 120,
        vars,
    };
    let present = Screen::start_in(&env, &["present", "demo", "--session", "4"]);
    present.wait_for("開始前");
    let mut v = Vec::with_capacity(SAVES);
    let mut save = Duration::ZERO;
    for n in 0..SAVES {
        std::thread::sleep(jitter(n));
        let marker = format!("計測{n:03}");
        c.sessions[3].agenda[0].title = marker.clone();
        let t = Instant::now();
        store.save(&c).unwrap();
        let saved = Instant::now();
        save += saved - t;
        present.wait_for(&format!("次の議題: {marker}"));
        v.push(t.elapsed());
    }
    drop(present);
    v.sort();
    Latency {
        sorted: v,
        save: save / SAVES as u32,
    }
}

fn main() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let store = Store::new(data.path());
    let mut c = scale_data::sample(&Catalog::builtin().unwrap(), "demo");
    store.create(&c).unwrap();
    println!("present: {SAVES} saves with file events…");
    let events = latency(data.path(), config.path(), &[]);
    println!("present: {SAVES} saves with the poll fallback…");
    let poll = latency(data.path(), config.path(), &[("BANSOU_TEST_POLL", "1")]);

    // Idle: session 4 running (the clock and the time left redrawn each second).
    c = store.load("demo").map(|l| l.client).unwrap_or(c);
    bansou::domain::timer::toggle(&mut c.sessions[3], bansou::clock::wall());
    store.save(&c).unwrap();
    let env = Env {
        data: data.path(),
        config: config.path(),
        rows: 40,
        cols: 120,
        vars: &[],
    };
    let present = Screen::start_in(&env, &["present", "demo"]);
    present.wait_for("残り時間");
    std::thread::sleep(Duration::from_millis(1500));
    println!("present: idle CPU over {} s…", IDLE.as_secs());
    let cpu = procstat::cpu_percent(present.pid(), IDLE);
    drop(present);

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let yes = |ok: bool| if ok { "yes" } else { "no" };
    let mut md = String::new();
    let _ = write!(
        md,
        "## Present window\n\n\
         Written by `cargo bench --bench present` (release build) on {}; {} cores available, \
         load average when it ended {}.\n\n\
         | measure | value | target | met |\n|---|---:|---|---|\n",
        chrono::Local::now().format("%Y-%m-%d %H:%M"),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.join(" "),
    );
    for (what, l) in [
        ("file events (inotify)", &events),
        ("poll fallback (500 ms)", &poll),
    ] {
        let _ = writeln!(
            md,
            "| Save to visible on `bansou present`, {what}: median of {SAVES} | {:.1} ms | ≤ 1 s, aim ≤ 100 ms | {} |",
            ms(l.median()),
            yes(l.median() <= Duration::from_secs(1))
        );
        let _ = writeln!(
            md,
            "|   slowest of the {SAVES} | {:.1} ms | ≤ 1 s | {} |",
            ms(l.max()),
            yes(l.max() <= Duration::from_secs(1))
        );
    }
    let _ = writeln!(
        md,
        "|   the save itself (`Store::save`, mean) | {:.2} ms | — |  |",
        ms((events.save + poll.save) / 2)
    );
    let _ = writeln!(
        md,
        "| Idle CPU of `bansou present`, timer running, {} s | {cpu:.2} % of a core | ≤ 1 % | {} |",
        IDLE.as_secs(),
        yes(cpu <= 1.0)
    );
    md.push_str(
        "\nThe latency runs from the moment `Store::save` starts until the next item's new \
         title is on the screen of a vt100 emulator reading the window's pseudo-terminal: the \
         save (render, write, fsync, rename, fsync the folder — the window often has the file \
         before the last fsync returns), the file event, reading and parsing the file, the \
         frame and the terminal output. With the poll fallback the file's stamp is looked at \
         every 500 ms, so a change shows within about half a second. Idle CPU: user + system \
         time from `/proc/<pid>/stat` while the window shows a running timer and nothing \
         changes.\n",
    );
    print!("{md}");
    procstat::write_section("## Present window", &md);
}
