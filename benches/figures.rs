//! The figures of BENCHMARKS.md, measured on this machine and written there:
//! frame time, time to first frame, save, export, peak memory and idle CPU of
//! the real binary, and the scale cases (1,000 clients, 10,000 notes, 500 plan
//! rows and 50 respondents; the tests in tests/it/scale.rs check they work).
//!
//! Run: `cargo bench --bench figures` (release build; about a minute).
//! Not a test: it prints the table and rewrites BENCHMARKS.md at the
//! repository root.

use std::fmt::Write as _;

use std::path::Path;

use std::time::{Duration, Instant};

use bansou::app::App;
use bansou::content::Catalog;
use bansou::store::Store;
use bansou::ui::{self, Theme};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/procstat.rs"]
mod procstat;
#[path = "../tests/it/pty_support/mod.rs"]
mod pty_support;
#[path = "../tests/it/scale_data.rs"]
mod scale_data;

use pty_support::Screen;
use scale_data::{app, big_plan, form_walk, memory_dir, now, sample, thousand_clients, with_notes};

/// Sorted samples.
struct Stats(Vec<Duration>);

impl Stats {
    fn of(n: usize, mut f: impl FnMut()) -> Stats {
        let mut v: Vec<Duration> = (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        v.sort();
        Stats(v)
    }
    fn median(&self) -> Duration {
        self.0[self.0.len() / 2]
    }
    fn p99(&self) -> Duration {
        self.0[(self.0.len() * 99 / 100).min(self.0.len() - 1)]
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn frames(app: &App, n: usize) -> Stats {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for _ in 0..20 {
        t.draw(|f| ui::draw(f, app, Theme { color: true })).unwrap();
    }
    Stats::of(n, || {
        t.draw(|f| ui::draw(f, app, Theme { color: true })).unwrap();
    })
}

/// A key and the frame after it, `n` times.
fn keys(app: &mut App, code: KeyCode, n: usize) -> Stats {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    Stats::of(n, || {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        t.draw(|f| ui::draw(f, app, Theme { color: true })).unwrap();
    })
}

// ---------------------------------------------------------------------------
// The real binary in a pseudo-terminal.

/// The real binary in the tests' pseudo-terminal (its screen read through
/// vt100), with the time from spawning it to the first frame.
struct Running {
    screen: Screen,
    first_frame: Duration,
}

impl Running {
    /// Starts `bansou ARGS…` and waits until the status line of the first
    /// frame is on the screen.
    fn start(data: &Path, config: &Path, args: &[&str]) -> Running {
        let started = Instant::now();
        let screen = Screen::start(data, config, args);
        screen.wait_for("保存済");
        Running {
            screen,
            first_frame: started.elapsed(),
        }
    }

    fn send(&mut self, s: &str) {
        self.screen.send(s);
    }

    /// VmHWM in kB.
    fn peak_rss_kb(&self) -> u64 {
        let pid = self.screen.pid();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    fn quit(mut self) {
        self.screen.send("q");
        self.screen.wait_exit();
    }
}

/// CPU time of this thread (on a busy machine, wall time includes waiting
/// for a core).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid timespec to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn first_line(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------

struct Row {
    what: String,
    value: String,
    target: String,
    met: Option<bool>,
}

fn row(what: &str, value: String, target: &str, met: Option<bool>) -> Row {
    println!("{what:<58} {value:>14}   target {target}");
    Row {
        what: what.into(),
        value,
        target: target.into(),
        met,
    }
}

fn main() {
    let catalog = Catalog::builtin().unwrap();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    // Other work on the machine skews every figure: say how busy it was.
    let load: String = std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    println!("load average: {load}");
    let mut rows = Vec::new();
    let mut scale = Vec::new();

    // Data on the real disk (saves fsync), in the system temp folder.
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let store = Store::new(data.path());
    store.create(&sample(&catalog, "demo")).unwrap();
    store
        .create(&with_notes(&catalog, "notes", 10_000))
        .unwrap();

    // Frames.
    let mut a = app(store.clone());
    a.open_client("demo", Some(1)).unwrap();
    let f = frames(&a, 1000);
    rows.push(row(
        "Frame 120×40, sample client, session 1 (median)",
        format!("{:.3} ms", ms(f.median())),
        "≤ 1 ms",
        Some(f.median() <= Duration::from_millis(1)),
    ));
    rows.push(row(
        "Frame 120×40, sample client, session 1 (99th percentile)",
        format!("{:.3} ms", ms(f.p99())),
        "—",
        None,
    ));
    drop(a); // releases the lock for the real binary below
    let mut n = app(store.clone());
    n.open_client("notes", Some(1)).unwrap();
    let fu = frames(&n, 500);
    rows.push(row(
        "Frame 120×40, 10,000 notes, newest shown (median)",
        format!("{:.3} ms", ms(fu.median())),
        "≤ 5 ms",
        Some(fu.median() <= Duration::from_millis(5)),
    ));
    n.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    let down = keys(&mut n, KeyCode::Down, 500);
    rows.push(row(
        "Key ↓ + frame, 10,000 notes, notes pane focused (median)",
        format!("{:.3} ms", ms(down.median())),
        "≤ 5 ms",
        Some(down.median() <= Duration::from_millis(5)),
    ));
    drop(n);

    // Save and export.
    let demo = sample(&catalog, "demo");
    let save = Stats::of(50, || store.save(&demo).unwrap());
    rows.push(row(
        "Save, sample client (atomic: write, fsync, rename, fsync dir; median)",
        format!("{:.2} ms", ms(save.median())),
        "≤ 10 ms",
        Some(save.median() <= Duration::from_millis(10)),
    ));
    let render = Stats::of(50, || {
        bansou::store::render(&demo).unwrap();
    });
    rows.push(row(
        "  of which rendering the TOML (median)",
        format!("{:.2} ms", ms(render.median())),
        "—",
        None,
    ));
    if Path::new("/dev/shm").is_dir() {
        let shm = tempfile::tempdir_in("/dev/shm").unwrap();
        let shm_store = Store::new(shm.path());
        shm_store.create(&demo).unwrap();
        let save_mem = Stats::of(50, || shm_store.save(&demo).unwrap());
        rows.push(row(
            "  the same save in memory (tmpfs: fsync costs nothing; median)",
            format!("{:.2} ms", ms(save_mem.median())),
            "—",
            None,
        ));
    }
    let big = with_notes(&catalog, "notes", 10_000);
    let save_big = Stats::of(10, || store.save(&big).unwrap());
    scale.push(row(
        "Save, 10,000 notes (median)",
        format!("{:.1} ms", ms(save_big.median())),
        "—",
        None,
    ));
    let mut i = 0;
    let export = Stats::of(20, || {
        i += 1;
        let out = data.path().join(format!("export-{i}"));
        let opts = bansou::export::Options::at(now());
        let w = bansou::export::export_all(&store, &catalog, &demo, Some(&out), &opts).unwrap();
        assert!(
            w.files
                .iter()
                .any(|f| f.extension().is_some_and(|e| e == "pdf"))
        );
    });
    // The same export with the PDFs left out (no font), to say what they cost.
    let no_pdf = Stats::of(20, || {
        let mut opts = bansou::export::Options::at(now());
        opts.font = Some(data.path().join("no-such-font.ttf"));
        let set = bansou::export::documents(&catalog, &demo, &opts).unwrap();
        assert!(!set.docs.iter().any(|d| d.name.ends_with(".pdf")));
    });
    rows.push(row(
        "Export, sample client, every deliverable written (median)",
        format!("{:.1} ms", ms(export.median())),
        "≤ 300 ms",
        Some(export.median() <= Duration::from_millis(300)),
    ));
    rows.push(row(
        "  of which the PDFs (font loading, layout, font subsetting; median)",
        format!(
            "{:.1} ms",
            (ms(export.median()) - ms(no_pdf.median())).max(0.0)
        ),
        "—",
        None,
    ));

    // The real binary: first frame, memory, idle CPU.
    let firsts = {
        let mut v: Vec<Duration> = (0..10)
            .map(|_| {
                let r = Running::start(
                    data.path(),
                    config.path(),
                    &["open", "demo", "--session", "1"],
                );
                let t = r.first_frame;
                r.quit();
                t
            })
            .collect();
        v.sort();
        Stats(v)
    };
    rows.push(row(
        "Time to first frame, `bansou open` in a pty (median of 10)",
        format!("{:.1} ms", ms(firsts.median())),
        "≤ 100 ms",
        Some(firsts.median() <= Duration::from_millis(100)),
    ));

    let mut r = Running::start(
        data.path(),
        config.path(),
        &["open", "demo", "--session", "3"],
    );
    // Walk every tab, the help and the form pane, then start the timer.
    for k in [
        "0", "1", "2", "4", "?", "\u{1b}", "3", "\t\t\t\t", "f", "f", "f",
    ] {
        r.send(k);
    }
    r.send(" ");
    std::thread::sleep(Duration::from_millis(1500));
    let cpu = procstat::cpu_percent(r.screen.pid(), Duration::from_secs(10));
    rows.push(row(
        "Idle CPU, timer running (clock redrawn each second), 10 s",
        format!("{cpu:.2} % of a core"),
        "≤ 1 %",
        Some(cpu <= 1.0),
    ));
    let rss = r.peak_rss_kb();
    rows.push(row(
        "Peak RSS (VmHWM), sample client, every screen visited",
        format!("{:.1} MB", rss as f64 / 1024.0),
        "≤ 30 MB",
        Some(rss as f64 / 1024.0 <= 30.0),
    ));
    r.quit();
    let bin = env!("CARGO_BIN_EXE_bansou");
    let size = std::fs::metadata(bin).map(|m| m.len()).unwrap_or(0);
    rows.push(row(
        "Release binary, as built (debug = 1); before PDF/Word: 44,138,944 bytes",
        format!("{:.1} MB ({size} bytes)", size as f64 / 1_048_576.0),
        "—",
        None,
    ));
    let stripped = data.path().join("bansou-stripped");
    let ok = std::process::Command::new("strip")
        .arg("-o")
        .arg(&stripped)
        .arg(bin)
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        let size = std::fs::metadata(&stripped).map(|m| m.len()).unwrap_or(0);
        rows.push(row(
            "Release binary, stripped; before PDF/Word: 6,129,600 bytes",
            format!("{:.1} MB ({size} bytes)", size as f64 / 1_048_576.0),
            "—",
            None,
        ));
    }

    let r = Running::start(
        data.path(),
        config.path(),
        &["open", "notes", "--session", "1"],
    );
    let first_big = r.first_frame;
    let rss_big = r.peak_rss_kb();
    r.quit();
    scale.push(row(
        "Time to first frame, 10,000 notes",
        format!("{:.1} ms", ms(first_big)),
        "—",
        None,
    ));
    scale.push(row(
        "Peak RSS, 10,000 notes",
        format!("{:.1} MB", rss_big as f64 / 1024.0),
        "—",
        None,
    ));

    // 1,000 clients in the picker.
    let many = tempfile::tempdir().unwrap();
    let many_store = Store::new(many.path());
    thousand_clients(&many_store, &catalog, true);
    let mut p = app(many_store);
    let (cpu0, t) = (thread_cpu(), Instant::now());
    p.show_picker();
    let (list, list_cpu) = (t.elapsed(), thread_cpu() - cpu0);
    scale.push(row(
        "Picker, 1,000 sample-sized clients (46 kB each): reading the list, wall / CPU",
        format!("{:.0} ms / {:.0} ms", ms(list), ms(list_cpu)),
        "—",
        None,
    ));
    let pf = frames(&p, 200);
    scale.push(row(
        "Picker, 1,000 clients: frame 120×40 (median)",
        format!("{:.3} ms", ms(pf.median())),
        "—",
        None,
    ));
    let pk = keys(&mut p, KeyCode::Down, 200);
    scale.push(row(
        "Picker, 1,000 clients: key ↓ + frame (median)",
        format!("{:.3} ms", ms(pk.median())),
        "—",
        None,
    ));
    let filter = Stats::of(40, || {
        for code in [KeyCode::Char('9'), KeyCode::Backspace] {
            p.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        }
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| ui::draw(f, &p, Theme { color: true })).unwrap();
    });
    scale.push(row(
        "Picker, 1,000 clients: a filter key typed and erased + frame (median)",
        format!("{:.3} ms", ms(filter.median())),
        "—",
        None,
    ));
    drop(p);

    scale_in_process(&catalog, &mut scale);

    write_report(&rows, &scale, cores, &load);
}

/// The cases of tests/it/scale.rs, timed: opening, typing, saving and
/// exporting with 10,000 notes, and a plan of 500 rows with 50
/// respondents walked through every form (in memory: /dev/shm).
fn scale_in_process(catalog: &Catalog, scale: &mut Vec<Row>) {
    let dir = memory_dir();
    let store = Store::new(dir.path());
    store.create(&with_notes(catalog, "demo", 10_000)).unwrap();
    let mut a = app(store.clone());
    let open = Stats::of(5, || {
        a.open_client("demo", Some(1)).unwrap();
    });
    scale.push(row(
        "Open a client with 10,000 notes (App::open_client, median of 5)",
        format!("{:.1} ms", ms(open.median())),
        "—",
        None,
    ));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut press = |a: &mut App, code: KeyCode| {
        a.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        t.draw(|f| ui::draw(f, a, Theme { color: true })).unwrap();
    };
    let mut enters = Vec::new();
    for _ in 0..10 {
        press(&mut a, KeyCode::Char('n'));
        press(&mut a, KeyCode::Char('メ'));
        let t0 = Instant::now();
        press(&mut a, KeyCode::Enter);
        enters.push(t0.elapsed());
    }
    enters.sort();
    scale.push(row(
        "Enter on a new note, saved with 10,000 others, + frame (median of 10)",
        format!("{:.1} ms", ms(Stats(enters).median())),
        "—",
        None,
    ));
    let on_disk = store.load("demo").unwrap().client;
    let export = Stats::of(3, || {
        bansou::export::documents(catalog, &on_disk, &bansou::export::Options::at(now())).unwrap();
    });
    scale.push(row(
        "Export documents in memory, 10,000 notes (median of 3)",
        format!("{:.1} ms", ms(export.median())),
        "—",
        None,
    ));
    drop(a);

    let dir = memory_dir();
    let store = Store::new(dir.path());
    let big = big_plan(catalog);
    store.create(&big).unwrap();
    let save = Stats::of(20, || store.save(&big).unwrap());
    scale.push(row(
        "Save, 500 plan rows and 50 respondents, in memory (median)",
        format!("{:.1} ms", ms(save.median())),
        "—",
        None,
    ));
    let export = Stats::of(5, || {
        bansou::export::documents(catalog, &big, &bansou::export::Options::at(now())).unwrap();
    });
    scale.push(row(
        "Export documents in memory, 500 plan rows and 50 respondents (median of 5)",
        format!("{:.1} ms", ms(export.median())),
        "—",
        None,
    ));
    let mut a = app(store.clone());
    a.open_client("demo", Some(3)).unwrap();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let walk: Vec<(Duration, usize, KeyCode)> = form_walk()
        .into_iter()
        .enumerate()
        .map(|(i, code)| {
            let t0 = Instant::now();
            a.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
            t.draw(|f| ui::draw(f, &a, Theme { color: true })).unwrap();
            (t0.elapsed(), i, code)
        })
        .collect();
    let (slowest, at, code) = *walk.iter().max_by_key(|w| w.0).unwrap();
    let walk = Stats({
        let mut v: Vec<Duration> = walk.iter().map(|w| w.0).collect();
        v.sort();
        v
    });
    scale.push(row(
        "Key + frame walking every form and editor, 500 plan rows and 50 respondents (median / slowest, which key)",
        format!(
            "{:.2} ms / {:.1} ms ({code:?}, key {} of {})",
            ms(walk.median()),
            ms(slowest),
            at + 1,
            walk.0.len()
        ),
        "—",
        None,
    ));
}

fn write_report(rows: &[Row], scale: &[Row], cores: usize, load: &str) {
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Written by `cargo bench --bench figures` (release build) on {}. \
         Do not edit by hand: run the command again.\n",
        chrono::Local::now().format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(md, "## Machine\n");
    let _ = writeln!(md, "- cores available: **{cores}**");
    let _ = writeln!(md, "- CPU: {}", cpu_model());
    let _ = writeln!(md, "- kernel: {}", first_line("uname", &["-sr"]));
    let _ = writeln!(md, "- rustc: {}", first_line("rustc", &["--version"]));
    let _ = writeln!(
        md,
        "- load average when the run started (1, 5, 15 min): {}",
        load.trim()
    );
    let _ = writeln!(
        md,
        "- data folder: {} (saves fsync)\n",
        std::env::temp_dir().display()
    );
    let _ = writeln!(md, "## Against the targets\n");
    let _ = writeln!(md, "| measure | value | target | met |");
    let _ = writeln!(md, "|---|---:|---|---|");
    for r in rows {
        let met = match r.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        let _ = writeln!(md, "| {} | {} | {} | {met} |", r.what, r.value, r.target);
    }
    let _ = writeln!(md, "\n## Scale\n");
    let _ = writeln!(md, "| measure | value |");
    let _ = writeln!(md, "|---|---:|");
    for r in scale {
        let _ = writeln!(md, "| {} | {} |", r.what, r.value);
    }
    let _ = writeln!(
        md,
        "\n## How they are measured\n\n\
         - **Frame**: `ui::draw` of the whole screen into ratatui's `TestBackend` at 120×40 \
         (layout, every widget, the buffer diff), 20 warm-up frames, then 1,000 (500) timed.\n\
         - **Time to first frame**: from spawning `bansou open demo` in the tests' \
         pseudo-terminal (`tests/it/pty_support`, read through vt100) until the status line \
         of the first frame is on its screen (start-up, catalog and keymap loading, reading \
         the client, locking it, drawing).\n\
         - **Save**: `Store::save` of the sample client in the system temp folder: render \
         TOML, write a temporary file, fsync, keep the previous file as `.bak`, rename, \
         fsync the folder.\n\
         - **Export**: `export::export_all` of the sample client: every `.xlsx`, `.docx`, PDF \
         and Markdown deliverable built and written into a new folder; the PDFs' share is \
         that median minus the median of the same export with no font (PDFs skipped). The \
         PDFs embed a subset of the system's Noto Sans CJK JP (regular and bold, 19 MB \
         each, read on every export).\n\
         - **Release binary**: size of `target/release/bansou` as built (with `debug = 1`, \
         whose line tables the font reader's generated code inflates) and after `strip`; \
         the \"before\" figures are the same build just before the PDF and Word deliverables \
         (krilla, skrifa, docx-rs) were added.\n\
         - **Idle CPU**: user + system time of the real binary from `/proc/<pid>/stat` over \
         10 s while it sits in a pty on session 3 with the timer running, so the clock and \
         the time left are redrawn every second.\n\
         - **Peak RSS**: `VmHWM` from `/proc/<pid>/status` after visiting every tab, the \
         help and every form of the form pane.\n\
         - The scale rows are the cases of `tests/it/scale.rs`, built by \
         `tests/it/scale_data.rs` for both: the tests check that each works, this bench \
         times them (release build; the in-process cases in /dev/shm)."
    );
    let path = procstat::benchmarks_md();
    // The sections written by other commands are kept.
    if let Ok(old) = std::fs::read_to_string(&path) {
        for heading in procstat::OTHER_SECTIONS {
            if let Some(kept) = procstat::section(&old, heading) {
                let _ = write!(md, "\n\n{}", kept.trim_end());
            }
        }
        md.push('\n');
    }
    std::fs::write(&path, md).unwrap();
    println!("wrote {}", path.display());
}
