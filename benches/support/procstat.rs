//! Shared by the benches: CPU time of a process from `/proc/<pid>/stat`, and
//! the sections of BENCHMARKS.md that other commands write.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

/// utime + stime of process `pid`, in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name in parentheses.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

pub fn clock_ticks_per_second() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// Percent of one core that process `pid` used over the next `window`.
pub fn cpu_percent(pid: u32, window: Duration) -> f64 {
    let tck = clock_ticks_per_second();
    let before = cpu_ticks(pid);
    std::thread::sleep(window);
    let used = cpu_ticks(pid) - before;
    used as f64 / tck as f64 / window.as_secs_f64() * 100.0
}

/// Sections of BENCHMARKS.md written by other commands than
/// `cargo bench --bench figures` (which keeps them when it rewrites the rest).
pub const OTHER_SECTIONS: [&str; 2] = ["## Present window", "## Kill -9 stress loop"];

pub fn benchmarks_md() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md")
}

/// The section of `text` starting at `heading`, up to the next `## `.
pub fn section<'a>(text: &'a str, heading: &str) -> Option<&'a str> {
    let start = text.find(heading)?;
    let end = text[start + 3..]
        .find("\n## ")
        .map_or(text.len(), |i| start + 3 + i + 1);
    Some(&text[start..end])
}

/// Replaces the section `heading` of BENCHMARKS.md with `body` (which
/// starts with the heading), or adds it at the end.
pub fn write_section(heading: &str, body: &str) {
    let path = benchmarks_md();
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let body = body.trim_end();
    let new = match (old.find(heading), section(&old, heading)) {
        (Some(start), Some(s)) => {
            let tail = &old[start + s.len()..];
            let sep = if tail.is_empty() { "\n" } else { "\n\n" };
            format!("{}{body}{sep}{tail}", &old[..start])
        }
        _ => format!("{}\n\n{body}\n", old.trim_end()),
    };
    std::fs::write(&path, new).unwrap();
    println!("wrote {}", path.display());
}
