//! Export benchmark (not a timed test): builds every deliverable of the
//! sample client in memory and writes the set into a fresh folder, N times,
//! and prints the median and minimum. Target: ≤ 300 ms per export.
//!
//! Run with `cargo bench --bench export` (release profile).

use std::time::{Duration, Instant};

use bansou::content::Catalog;
use bansou::export;
use bansou::sample::{self, SAMPLE_NAME};
use bansou::store::Store;
use chrono::NaiveDate;

const ITERATIONS: usize = 30;

fn main() {
    let catalog = Catalog::builtin().expect("built-in catalog");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let now = today
        .and_hms_opt(18, 0, 0)
        .map(bansou::domain::clock::jst)
        .expect("time");
    let mut client = catalog.new_client("demo", SAMPLE_NAME, now);
    sample::fill(&mut client, &catalog, today);

    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path());
    let mut build = Vec::with_capacity(ITERATIONS);
    let mut total = Vec::with_capacity(ITERATIONS);
    for i in 0..ITERATIONS {
        let t0 = Instant::now();
        let docs =
            export::documents(&catalog, &client, &export::Options::at(now)).expect("documents");
        let t1 = Instant::now();
        std::hint::black_box(&docs);
        let out = dir.path().join(format!("run-{i}"));
        let written = export::export_all(
            &store,
            &catalog,
            &client,
            Some(&out),
            &export::Options::at(now),
        )
        .expect("export");
        let t2 = Instant::now();
        std::hint::black_box(written);
        build.push(t1 - t0);
        total.push(t2 - t1);
    }
    report("documents() in memory", &mut build);
    report("export_all() incl. writing", &mut total);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<28} median {:>7.2} ms   min {:>7.2} ms   max {:>7.2} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
