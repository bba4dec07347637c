//! The command-line contract of issue 2, run against the real binary with a
//! private temporary data folder (and an empty config folder) per test.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bansou::domain::id::check_id;
use bansou::domain::model::{Role, SCHEMA_VERSION};
use bansou::store::Store;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_bansou");

/// A sandbox: data folder, config folder and HOME, all temporary.
struct Env {
    data: TempDir,
    config: TempDir,
    home: TempDir,
}

/// What a run of the binary gave back.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    #[track_caller]
    fn ok(&self) -> &Run {
        assert_eq!(self.code, Some(0), "expected success\n{self}");
        self
    }

    /// Exit 1 with one line on stderr.
    #[track_caller]
    fn fails(&self) -> &Run {
        assert_eq!(self.code, Some(1), "expected exit 1\n{self}");
        self.one_line_error()
    }

    #[track_caller]
    fn one_line_error(&self) -> &Run {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "expected one line on stderr\n{self}");
        assert!(lines[0].starts_with("bansou: "), "{self}");
        assert!(
            !self.stderr.to_lowercase().contains("backtrace"),
            "no backtrace unless asked\n{self}"
        );
        self
    }

    #[track_caller]
    fn usage_error(&self) -> &Run {
        assert_eq!(self.code, Some(2), "expected bad usage (2)\n{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Env {
    fn new() -> Env {
        Env {
            data: TempDir::new().unwrap(),
            config: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        }
    }

    fn data(&self) -> &Path {
        self.data.path()
    }

    /// The binary with nothing of the user's environment leaking in, and no data folder.
    fn bare(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env("BANSOU_CONFIG_DIR", self.config.path())
            .env("HOME", self.home.path())
            .env("TMPDIR", self.home.path())
            .env_remove("BANSOU_DATA_DIR")
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
        cmd
    }

    /// Runs `bansou --data-dir <data> ARGS…`.
    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.bare();
        cmd.arg("--data-dir").arg(self.data()).args(args);
        Run::from(cmd.output().expect("run bansou"))
    }

    fn new_client(&self, name: &str, id: &str) -> PathBuf {
        let r = self.run(&["new", "--name", name, "--id", id]);
        r.ok();
        assert_eq!(r.stdout, format!("{id}\n"));
        self.client_file(id)
    }

    fn clients(&self) -> PathBuf {
        self.data().join("clients")
    }

    fn client_dir(&self, id: &str) -> PathBuf {
        self.clients().join(id)
    }

    fn client_file(&self, id: &str) -> PathBuf {
        self.client_dir(id).join("client.toml")
    }

    /// Ids of the client folders on disk.
    fn client_ids(&self) -> BTreeSet<String> {
        match fs::read_dir(self.clients()) {
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect(),
            Err(_) => BTreeSet::new(),
        }
    }

    #[track_caller]
    fn assert_nothing_created(&self) {
        assert!(
            self.client_ids().is_empty(),
            "no client folder expected, found {:?}",
            self.client_ids()
        );
    }

    /// Replaces the client file with a TOML table edited by `edit`.
    fn edit(&self, id: &str, edit: impl FnOnce(&mut toml::Table)) {
        let path = self.client_file(id);
        let mut doc: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        edit(&mut doc);
        fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Line (1-based) of the first line of `text` that satisfies `pred`.
fn line_of(text: &str, pred: impl Fn(&str) -> bool) -> usize {
    text.lines().position(pred).expect("line present") + 1
}

/// Retries `f` for up to five seconds until it gives `Some`.
///
/// An OS file lock belongs to the open file description: a child that another
/// test thread is spawning holds a copy of every descriptor until it execs, so
/// a lock this process has just released can look held for a moment.
fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = std::time::Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed().as_secs() < 5, "timed out: {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------- new

#[test]
fn new_prints_only_the_id_and_creates_the_client() {
    let env = Env::new();
    let r = env.run(&["new", "--name", "ACME Corp.", "--id", "acme"]);
    r.ok();
    assert_eq!(r.stdout, "acme\n");
    assert!(env.client_file("acme").is_file());
    let loaded = Store::new(env.data()).load("acme").unwrap();
    assert_eq!(loaded.client.id, "acme");
    assert_eq!(loaded.client.profile.name, "ACME Corp.");
    assert_eq!(loaded.client.schema_version, SCHEMA_VERSION);
}

#[test]
fn new_derives_an_id_from_an_ascii_name() {
    let env = Env::new();
    let r = env.run(&["new", "--name", "ACME Corp."]);
    r.ok();
    assert_eq!(r.stdout, "acme-corp\n");
    assert!(env.client_file("acme-corp").is_file());
}

#[test]
fn new_derives_a_valid_id_from_an_all_japanese_name() {
    let env = Env::new();
    let r = env.run(&["new", "--name", "株式会社さくら精機"]);
    r.ok();
    let id = r.stdout.trim_end_matches('\n');
    assert_eq!(r.stdout.lines().count(), 1, "{r}");
    assert!(check_id(id).is_ok(), "derived id {id:?} is invalid");
    assert!(env.client_file(id).is_file());
    let loaded = Store::new(env.data()).load(id).unwrap();
    assert_eq!(loaded.client.profile.name, "株式会社さくら精機");
}

#[test]
fn two_clients_with_the_same_japanese_name_get_different_ids() {
    let env = Env::new();
    let a = env.run(&["new", "--name", "有限会社みどり商店"]);
    let b = env.run(&["new", "--name", "有限会社みどり商店"]);
    a.ok();
    b.ok();
    let (a, b) = (a.stdout.trim().to_owned(), b.stdout.trim().to_owned());
    assert_ne!(a, b);
    assert!(check_id(&a).is_ok() && check_id(&b).is_ok());
    assert_eq!(env.client_ids(), BTreeSet::from([a, b]));
}

#[test]
fn new_refuses_bad_ids_and_creates_nothing() {
    let long = "a".repeat(65);
    for bad in [
        "../x",
        "a/b",
        "",
        "Acme",
        "ACME",
        &long,
        ".",
        "..",
        "a b",
        "株式会社",
        "a.b",
    ] {
        let env = Env::new();
        let r = env.run(&["new", "--name", "テスト", "--id", bad]);
        r.fails();
        assert!(r.stdout.is_empty(), "{bad:?}: nothing on stdout\n{r}");
        env.assert_nothing_created();
        // Nothing escaped the data folder either.
        assert!(
            !env.data().join("x").exists()
                && !env.data().parent().unwrap().join("x/client.toml").exists()
        );
    }
}

#[test]
fn new_accepts_an_id_of_exactly_64_characters_and_every_allowed_character() {
    let env = Env::new();
    let id = "a".repeat(64);
    env.new_client("x", &id);
    env.new_client("y", "a-z_0-9");
}

#[test]
fn new_refuses_an_existing_id_and_leaves_it_untouched() {
    let env = Env::new();
    let path = env.new_client("最初の会社", "acme");
    let before = fs::read(&path).unwrap();
    let files_before: BTreeSet<_> = fs::read_dir(env.client_dir("acme"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let r = env.run(&["new", "--name", "別の会社", "--id", "acme"]);
    r.fails();
    assert!(r.stderr.contains("acme"), "{r}");
    assert!(r.stdout.is_empty());
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "existing client.toml changed"
    );
    let files_after: BTreeSet<_> = fs::read_dir(env.client_dir("acme"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files_before, files_after);
}

#[test]
fn new_refuses_an_empty_name() {
    let env = Env::new();
    env.run(&["new", "--name", "  "]).fails();
    env.assert_nothing_created();
}

#[test]
fn new_sample_fills_every_form() {
    let env = Env::new();
    let r = env.run(&["new", "--name", "サンプル", "--id", "sample", "--sample"]);
    r.ok();
    assert_eq!(r.stdout, "sample\n");
    let c = Store::new(env.data()).load("sample").unwrap().client;

    // Three respondents: owner, manager, employee, answering differently.
    let d = &c.diagnosis;
    assert_eq!(d.respondents.len(), 3, "three respondents");
    let roles: Vec<Role> = d.respondents.iter().map(|r| r.role).collect();
    for role in Role::ALL {
        assert!(roles.contains(&role), "a respondent with role {role:?}");
    }
    for r in &d.respondents {
        assert!(!r.name.trim().is_empty());
        assert!(
            r.answers
                .iter()
                .all(|a| *a != bansou::domain::model::Answer::Unanswered),
            "{} answered every item",
            r.name
        );
    }
    assert!(
        d.respondents[0].answers != d.respondents[1].answers
            && d.respondents[1].answers != d.respondents[2].answers,
        "respondents differ"
    );
    // Hearing sheet answered.
    assert!(
        c.hearing
            .iter()
            .filter(|h| !h.answer.trim().is_empty())
            .count()
            >= 7,
        "hearing sheet answered"
    );
    // Policy, all 11 regulation statuses, 8+ plan rows.
    assert!(!c.policy.articles.is_empty() && !c.policy.preamble.is_empty());
    assert_eq!(c.regulations.len(), 11);
    assert!(
        c.regulations.iter().all(|r| r.status.is_some()),
        "all 11 statuses"
    );
    assert!(c.plan.len() >= 8, "8+ plan rows, found {}", c.plan.len());
    // Sessions 1 and 2 held: dates, attendees and notes.
    for s in &c.sessions[..2] {
        assert!(s.date.is_some());
        assert!(!s.attendees.is_empty());
        assert!(!s.notes.is_empty());
    }
    // The sample is consistent.
    env.run(&["check", "sample"]).ok();
}

// ---------------------------------------------------------------- data folder

#[test]
fn bansou_data_dir_env_chooses_the_data_folder() {
    let env = Env::new();
    let out = env
        .bare()
        .env("BANSOU_DATA_DIR", env.data())
        .args(["new", "--name", "x", "--id", "from-env"])
        .output()
        .unwrap();
    Run::from(out).ok();
    assert!(env.client_file("from-env").is_file());

    let out = env
        .bare()
        .env("BANSOU_DATA_DIR", env.data())
        .arg("list")
        .output()
        .unwrap();
    let r = Run::from(out);
    r.ok();
    assert!(r.stdout.starts_with("from-env\t"), "{r}");
}

#[test]
fn data_dir_flag_wins_over_the_environment_and_works_after_the_command() {
    let env = Env::new();
    let other = TempDir::new().unwrap();
    let out = env
        .bare()
        .env("BANSOU_DATA_DIR", other.path())
        .args(["new", "--name", "x", "--id", "flag", "--data-dir"])
        .arg(env.data())
        .output()
        .unwrap();
    Run::from(out).ok();
    assert!(env.client_file("flag").is_file());
    assert!(!other.path().join("clients").exists());
}

#[test]
fn without_a_data_folder_the_platform_folder_under_home_is_used() {
    let env = Env::new();
    let out = env
        .bare()
        .args(["new", "--name", "x", "--id", "home"])
        .output()
        .unwrap();
    Run::from(out).ok();
    let expected = env
        .home
        .path()
        .join(".local/share/bansou/clients/home/client.toml");
    assert!(expected.is_file(), "{} missing", expected.display());
}

// ---------------------------------------------------------------- usage

#[test]
fn bad_usage_exits_2() {
    let env = Env::new();
    env.run(&["new", "--name", "x", "--bogus"]).usage_error();
    env.run(&["new"]).usage_error();
    env.run(&["new", "--name"]).usage_error();
    env.run(&["open", "x", "--session", "5"]).usage_error();
    env.run(&["open", "x", "--session", "0"]).usage_error();
    env.run(&["open", "x", "--session", "two"]).usage_error();
    env.run(&["open"]).usage_error();
    env.run(&["check"]).usage_error();
    env.run(&["export"]).usage_error();
    env.run(&["frobnicate"]).usage_error();
    env.assert_nothing_created();
}

#[test]
fn help_and_version_exit_0() {
    let env = Env::new();
    let r = env.run(&["--help"]);
    r.ok();
    for cmd in ["new", "list", "open", "export", "check", "demo"] {
        assert!(r.stdout.contains(cmd), "--help mentions {cmd}\n{r}");
    }
    env.run(&["--version"]).ok();
}

// ---------------------------------------------------------------- list

#[test]
fn list_of_an_empty_or_missing_data_folder_is_empty() {
    let env = Env::new();
    let r = env.run(&["list"]);
    r.ok();
    assert_eq!(r.stdout, "");
    let mut cmd = env.bare();
    cmd.arg("--data-dir")
        .arg(env.data().join("not/yet"))
        .arg("list");
    let r = Run::from(cmd.output().unwrap());
    r.ok();
    assert_eq!(r.stdout, "");
    assert!(!env.data().join("not").exists(), "list creates nothing");
}

#[test]
fn list_shows_id_name_sessions_done_and_last_saved() {
    let env = Env::new();
    env.new_client("株式会社さくら精機", "sakura");
    env.new_client("ACME", "acme");
    // Session 1 done for sakura.
    let store = Store::new(env.data());
    let opened = store.open("sakura").unwrap();
    let mut c = opened.client.clone();
    c.sessions[0].completed_at = Some(c.created_at);
    store.save(&c).unwrap();
    drop(opened);

    let r = env.run(&["list"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{r}");
    let check = |line: &str, id: &str, name: &str, done: &str| {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line}");
        assert_eq!(cols[0], id);
        assert_eq!(cols[1], name);
        assert_eq!(cols[2], done);
        // Last saved: "YYYY-MM-DD HH:MM" (allow for midnight).
        assert_eq!(cols[3].len(), 16, "{line}");
        assert!(
            chrono::NaiveDateTime::parse_from_str(cols[3], "%Y-%m-%d %H:%M").is_ok(),
            "{line}"
        );
    };
    check(lines[0], "acme", "ACME", "0/4");
    check(lines[1], "sakura", "株式会社さくら精機", "1/4");
}

#[test]
fn list_shows_a_corrupt_client_with_its_error_and_goes_on() {
    let env = Env::new();
    env.new_client("Good", "good");
    let bad = env.new_client("Bad", "bad");
    fs::write(&bad, "name = \n").unwrap();
    let before = fs::read(&bad).unwrap();
    let r = env.run(&["list"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{r}");
    assert!(lines[0].starts_with("bad\t"), "{r}");
    assert!(
        lines[0].contains("client.toml"),
        "the error names the file\n{r}"
    );
    assert!(lines[1].starts_with("good\tGood\t0/4\t"), "{r}");
    assert_eq!(fs::read(&bad).unwrap(), before, "list never writes");
    assert!(!env.client_dir("bad").join("client.toml.bak").exists());
}

#[test]
fn list_skips_folders_that_are_not_clients() {
    let env = Env::new();
    env.new_client("Good", "good");
    fs::create_dir_all(env.clients().join("empty")).unwrap();
    fs::create_dir_all(env.clients().join("Not-An-Id")).unwrap();
    fs::write(env.clients().join("stray.txt"), "x").unwrap();
    let r = env.run(&["list"]);
    r.ok();
    assert_eq!(r.stdout.lines().count(), 1, "{r}");
}

#[test]
fn no_command_lists_and_hints() {
    let env = Env::new();
    env.new_client("Good", "good");
    let mut cmd = env.bare();
    cmd.arg("--data-dir").arg(env.data());
    let r = Run::from(cmd.output().unwrap());
    r.ok();
    assert!(r.stdout.starts_with("good\t"), "{r}");
    assert!(r.stderr.contains("bansou open"), "{r}");
}

// ---------------------------------------------------------------- open

#[test]
fn open_shows_the_client() {
    let env = Env::new();
    env.new_client("株式会社さくら精機", "sakura");
    let r = env.run(&["open", "sakura"]);
    r.ok();
    assert!(r.stdout.contains("株式会社さくら精機"), "{r}");
    assert!(!r.stdout.contains("読み取り専用"), "{r}");
    env.run(&["open", "sakura", "--session", "4"]).ok();
    // The lock is released when bansou exits.
    let store = Store::new(env.data());
    eventually("the lock is free", || store.open("sakura").ok());
}

#[test]
fn open_of_a_missing_or_invalid_id_exits_1() {
    let env = Env::new();
    env.run(&["open", "nobody"]).fails();
    env.run(&["open", "../x"]).fails();
    env.run(&["check", "nobody"]).fails();
    env.run(&["export", "nobody"]).fails();
    env.assert_nothing_created();
}

#[test]
fn open_refuses_a_corrupt_file_naming_path_line_and_column_and_leaves_it() {
    let env = Env::new();
    let path = env.new_client("Broken", "broken");
    let text = fs::read_to_string(&path).unwrap();
    let broken = text.replacen("name = \"Broken\"", "name = ", 1);
    assert_ne!(text, broken);
    fs::write(&path, &broken).unwrap();
    let line = line_of(&broken, |l| l == "name = ");

    for cmd in ["open", "check", "export"] {
        let r = env.run(&[cmd, "broken"]);
        assert_ne!(r.code, Some(0), "{cmd}\n{r}");
        r.fails();
        let shown = format!("{}:{line}:", path.display());
        assert!(r.stderr.contains(&shown), "{cmd}: expected {shown:?}\n{r}");
        // …and a column after the line.
        let after = &r.stderr[r.stderr.find(&shown).unwrap() + shown.len()..];
        assert!(
            after.starts_with(|c: char| c.is_ascii_digit()),
            "{cmd}: column after the line\n{r}"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            broken,
            "{cmd} changed the file"
        );
    }
    assert!(!env.client_dir("broken").join("client.toml.bak").exists());
}

#[test]
fn open_refuses_a_file_that_is_not_utf8() {
    let env = Env::new();
    let path = env.new_client("Binary", "bin");
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"memo = \"\xff\xfe\"\n");
    fs::write(&path, &bytes).unwrap();
    let r = env.run(&["open", "bin"]);
    r.fails();
    assert!(r.stderr.contains(&path.display().to_string()), "{r}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn open_refuses_a_file_whose_id_does_not_match_its_folder() {
    let env = Env::new();
    env.new_client("A", "alpha");
    env.edit("alpha", |doc| {
        doc.insert("id".into(), "beta".into());
    });
    let r = env.run(&["open", "alpha"]);
    r.fails();
    assert!(r.stderr.contains("id"), "{r}");
}

// ---------------------------------------------------------------- check

#[test]
fn check_of_a_fresh_client_is_ok() {
    let env = Env::new();
    env.new_client("Fresh", "fresh");
    let r = env.run(&["check", "fresh"]);
    r.ok();
    assert!(r.stdout.contains("ok"), "{r}");
}

#[test]
fn check_prints_each_problem_with_its_place_and_exits_1() {
    let env = Env::new();
    let path = env.new_client("Messy", "messy");
    env.edit("messy", |doc| {
        let sessions = doc["sessions"].as_array_mut().unwrap();
        let agenda = sessions[0]["agenda"].as_array_mut().unwrap();
        agenda[0]
            .as_table_mut()
            .unwrap()
            .insert("minutes".into(), toml::Value::Integer(0));
        let regs = doc["regulations"].as_array_mut().unwrap();
        regs[0]
            .as_table_mut()
            .unwrap()
            .insert("no".into(), toml::Value::Integer(12));
    });
    let before = fs::read(&path).unwrap();
    let r = env.run(&["check", "messy"]);
    assert_eq!(r.code, Some(1), "{r}");
    assert!(r.stdout.contains("sessions[0].agenda[0].minutes"), "{r}");
    assert!(r.stdout.contains("regulations[0].no"), "{r}");
    // Warnings (a representative not entered yet) are listed too, marked.
    let problems = r
        .stdout
        .lines()
        .filter(|l| !l.contains(": warning: "))
        .count();
    assert_eq!(problems, 2, "one line per problem\n{r}");
    for line in r.stdout.lines() {
        assert!(line.starts_with(&path.display().to_string()), "{line}");
    }
    assert!(!r.stderr.to_lowercase().contains("backtrace"), "{r}");
    assert_eq!(fs::read(&path).unwrap(), before, "check never writes");
}

#[test]
fn check_reports_a_value_of_the_wrong_kind_with_its_place() {
    let env = Env::new();
    let path = env.new_client("Dates", "dates");
    env.edit("dates", |doc| {
        let sessions = doc["sessions"].as_array_mut().unwrap();
        sessions[1]
            .as_table_mut()
            .unwrap()
            .insert("date".into(), "2026-13-45".into());
    });
    let r = env.run(&["check", "dates"]);
    r.fails();
    assert!(r.stderr.contains(&path.display().to_string()), "{r}");
    assert!(r.stderr.contains("date"), "{r}");
}

// ---------------------------------------------------------------- errors

#[test]
fn errors_show_a_backtrace_only_when_asked() {
    let env = Env::new();
    let r = env.run(&["open", "nobody"]);
    r.fails();

    let out = env
        .bare()
        .env("RUST_BACKTRACE", "1")
        .arg("--data-dir")
        .arg(env.data())
        .args(["open", "nobody"])
        .output()
        .unwrap();
    let r = Run::from(out);
    assert_eq!(r.code, Some(1), "{r}");
    assert!(
        r.stderr.lines().count() > 1,
        "a backtrace with RUST_BACKTRACE=1\n{r}"
    );

    let out = env
        .bare()
        .env("RUST_BACKTRACE", "0")
        .arg("--data-dir")
        .arg(env.data())
        .args(["open", "nobody"])
        .output()
        .unwrap();
    Run::from(out).fails();
}

// ---------------------------------------------------------------- schema

#[test]
fn a_newer_schema_version_is_refused_and_left_as_it_is() {
    let env = Env::new();
    let path = env.new_client("Future", "future");
    env.edit("future", |doc| {
        doc.insert("schema_version".into(), toml::Value::Integer(99));
    });
    let before = fs::read(&path).unwrap();
    for cmd in ["open", "check"] {
        let r = env.run(&[cmd, "future"]);
        r.fails();
        assert!(r.stderr.contains("99"), "{r}");
        assert!(r.stderr.contains("newer"), "{r}");
        assert!(r.stderr.contains(&path.display().to_string()), "{r}");
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    let leftovers: BTreeSet<String> = fs::read_dir(env.client_dir("future"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "lock")
        .collect();
    assert_eq!(leftovers, BTreeSet::from(["client.toml".to_owned()]));
}

#[test]
fn a_missing_or_impossible_schema_version_is_refused() {
    let env = Env::new();
    let path = env.new_client("Old", "old");
    for edit in [None, Some(0), Some(-3)] {
        env.edit("old", |doc| match edit {
            None => {
                doc.remove("schema_version");
            }
            Some(v) => {
                doc.insert("schema_version".into(), toml::Value::Integer(v));
            }
        });
        let before = fs::read(&path).unwrap();
        let r = env.run(&["open", "old"]);
        r.fails();
        assert!(r.stderr.contains("schema_version"), "{edit:?}\n{r}");
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}

/// A v1 file: `profile.staff` and `profile.capital_man_yen`.
fn make_v1(env: &Env, id: &str) -> Vec<u8> {
    env.new_client("株式会社ふるい", id);
    env.edit(id, |doc| {
        doc.insert("schema_version".into(), toml::Value::Integer(1));
        let p = doc["profile"].as_table_mut().unwrap();
        p.remove("employees");
        p.remove("capital_yen");
        p.insert("staff".into(), toml::Value::Integer(12));
        p.insert("capital_man_yen".into(), toml::Value::Integer(1000));
    });
    fs::read(env.client_file(id)).unwrap()
}

#[test]
fn open_upgrades_a_v1_file_and_keeps_the_original() {
    let env = Env::new();
    let original = make_v1(&env, "v1");
    // list and check read it without writing.
    env.run(&["list"]).ok();
    env.run(&["check", "v1"]).ok();
    assert_eq!(fs::read(env.client_file("v1")).unwrap(), original);

    let r = env.run(&["open", "v1"]);
    r.ok();
    assert!(r.stderr.contains("client.toml.v1.bak"), "{r}");
    let bak = env.client_dir("v1").join("client.toml.v1.bak");
    assert_eq!(
        fs::read(&bak).unwrap(),
        original,
        "backup holds the original bytes"
    );
    assert_eq!(mode(&bak), 0o600);

    let text = fs::read_to_string(env.client_file("v1")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(
        doc["schema_version"].as_integer(),
        Some(i64::from(bansou::domain::model::SCHEMA_VERSION))
    );
    let p = doc["profile"].as_table().unwrap();
    assert_eq!(p["employees"].as_integer(), Some(12));
    assert_eq!(p["capital_yen"].as_integer(), Some(10_000_000));
    assert!(!p.contains_key("staff") && !p.contains_key("capital_man_yen"));
    assert_eq!(mode(&env.client_file("v1")), 0o600);

    // A second open has nothing to upgrade and keeps the backup as it is.
    let r = env.run(&["open", "v1"]);
    r.ok();
    assert!(!r.stderr.contains("upgraded"), "{r}");
    assert_eq!(fs::read(&bak).unwrap(), original);
}

#[test]
fn a_v1_file_that_cannot_be_upgraded_is_refused_and_left() {
    let env = Env::new();
    make_v1(&env, "v1bad");
    env.edit("v1bad", |doc| {
        let p = doc["profile"].as_table_mut().unwrap();
        p.insert("capital_man_yen".into(), "たくさん".into());
    });
    let before = fs::read(env.client_file("v1bad")).unwrap();
    let r = env.run(&["open", "v1bad"]);
    r.fails();
    assert!(r.stderr.contains("capital_man_yen"), "{r}");
    assert_eq!(fs::read(env.client_file("v1bad")).unwrap(), before);
    assert!(!env.client_dir("v1bad").join("client.toml.v1.bak").exists());
}

// ---------------------------------------------------------------- permissions

#[test]
fn folders_are_0700_and_files_0600() {
    let env = Env::new();
    let data = env.data().join("fresh/data");
    let mut cmd = env.bare();
    cmd.arg("--data-dir")
        .arg(&data)
        .args(["new", "--name", "x", "--id", "perm"]);
    Run::from(cmd.output().unwrap()).ok();
    assert_eq!(mode(&data.join("clients")), 0o700, "clients/");
    assert_eq!(mode(&data.join("clients/perm")), 0o700, "client folder");
    assert_eq!(
        mode(&data.join("clients/perm/client.toml")),
        0o600,
        "client.toml"
    );
    assert_eq!(
        mode(&data),
        0o700,
        "a data folder bansou creates is private too"
    );
}

#[test]
fn a_save_keeps_the_previous_version_as_bak_with_0600() {
    let env = Env::new();
    let path = env.new_client("Saved", "saved");
    let first = fs::read(&path).unwrap();
    let store = Store::new(env.data());
    let opened = store.open("saved").unwrap();
    let mut c = opened.client.clone();
    c.profile.memo = "二回目".into();
    store.save(&c).unwrap();
    let bak = env.client_dir("saved").join("client.toml.bak");
    assert_eq!(fs::read(&bak).unwrap(), first);
    assert_eq!(mode(&bak), 0o600);
    assert_eq!(mode(&path), 0o600);
    let lock = env.client_dir("saved").join("lock");
    assert_eq!(mode(&lock), 0o600, "lock file");
    drop(opened);
    let r = env.run(&["open", "saved"]);
    r.ok();
    assert!(r.stdout.contains("Saved"), "{r}");
    assert_eq!(
        Store::new(env.data())
            .load("saved")
            .unwrap()
            .client
            .profile
            .memo,
        "二回目"
    );
}

// ---------------------------------------------------------------- lock

#[test]
fn a_held_lock_makes_open_read_only_naming_the_holder() {
    let env = Env::new();
    env.new_client("Locked", "locked");
    let store = Store::new(env.data());
    let held = store.open("locked").unwrap();

    let r = env.run(&["open", "locked"]);
    r.ok();
    let first = r.stdout.lines().next().unwrap_or_default();
    let expected = format!(
        "読み取り専用 (read-only): client is open elsewhere (pid {}, host {}, since ",
        std::process::id(),
        bansou::store::hostname()
    );
    assert!(first.starts_with(&expected), "expected {expected:?}\n{r}");
    // "since YYYY-MM-DD HH:MM:SS"
    let since = &first[expected.len()..];
    let stamp = since.split(')').next().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S").is_ok(),
        "since {stamp:?}\n{r}"
    );
    assert!(
        r.stdout.contains("Locked"),
        "the summary is still shown\n{r}"
    );

    // A second writer in this process is refused too.
    assert!(matches!(
        store.open("locked"),
        Err(bansou::store::StoreError::Locked(_))
    ));

    drop(held);
    let r = eventually("open after the lock is released", || {
        let r = env.run(&["open", "locked"]);
        (!r.stdout.contains("読み取り専用")).then_some(r)
    });
    r.ok();
    eventually("the lock is free again", || store.open("locked").ok());
}

#[test]
fn a_v1_file_open_elsewhere_is_shown_read_only_and_not_upgraded() {
    let env = Env::new();
    let original = make_v1(&env, "busy");
    let store = Store::new(env.data());
    let lock_path = env.client_dir("busy").join("lock");
    // Hold the OS lock without upgrading (Store::open would upgrade first).
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .unwrap();
    lock.try_lock().unwrap();
    let r = env.run(&["open", "busy"]);
    r.ok();
    assert!(r.stdout.starts_with("読み取り専用"), "{r}");
    assert_eq!(fs::read(env.client_file("busy")).unwrap(), original);
    assert!(!env.client_dir("busy").join("client.toml.v1.bak").exists());
    drop(lock);
    let opened = eventually("the lock is free again", || store.open("busy").ok());
    assert!(opened.upgraded_backup.is_some());
}

// ---------------------------------------------------------------- content overrides

fn write_override(env: &Env, name: &str, text: &str) -> PathBuf {
    let dir = env.config.path().join("content");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_broken_content_override_stops_every_command_naming_file_line_and_key() {
    let env = Env::new();
    env.new_client("Before", "before");
    let path = write_override(
        &env,
        "agendas.toml",
        "[[session]]\nno = \"one\"\ntheme = \"x\"\n",
    );
    let before = fs::read(env.client_file("before")).unwrap();
    for args in [
        &["new", "--name", "x", "--id", "after"][..],
        &["open", "before"],
        &["check", "before"],
        &["list"],
        &[],
    ] {
        let r = env.run(args);
        r.fails();
        let shown = format!("{}:2:", path.display());
        assert!(
            r.stderr.contains(&shown),
            "{args:?}: expected {shown:?}\n{r}"
        );
        assert!(r.stderr.contains("key `no`"), "{args:?}\n{r}");
        assert!(r.stdout.is_empty(), "{args:?}\n{r}");
    }
    assert_eq!(env.client_ids(), BTreeSet::from(["before".to_owned()]));
    assert_eq!(fs::read(env.client_file("before")).unwrap(), before);
}

#[test]
fn a_content_override_that_parses_but_is_invalid_is_refused() {
    let env = Env::new();
    let builtin = include_str!("../../content/agendas.toml");
    let text = builtin.replacen("minutes = 60", "minutes = 0", 1);
    assert_ne!(text, builtin);
    let path = write_override(&env, "agendas.toml", &text);
    let r = env.run(&["new", "--name", "x"]);
    r.fails();
    assert!(r.stderr.contains(&path.display().to_string()), "{r}");
    assert!(r.stderr.contains("minutes"), "{r}");
    env.assert_nothing_created();
}

#[test]
fn a_valid_content_override_is_used_for_new_clients() {
    let env = Env::new();
    let builtin = include_str!("../../content/agendas.toml");
    let title = "自己紹介・本事業の概要・本日の進め方・情報の取扱い";
    assert!(builtin.contains(title));
    write_override(
        &env,
        "agendas.toml",
        &builtin.replacen(title, "挨拶と本日の流れ", 1),
    );
    env.new_client("Custom", "custom");
    let c = Store::new(env.data()).load("custom").unwrap().client;
    assert_eq!(c.sessions[0].agenda[0].title, "挨拶と本日の流れ");
}

// ---------------------------------------------------------------- demo and export

#[test]
fn demo_creates_the_sample_client_in_the_given_data_folder_and_opens_it() {
    let env = Env::new();
    let r = env.run(&["demo"]);
    r.ok();
    assert!(env.client_file("demo").is_file());
    let c = Store::new(env.data()).load("demo").unwrap().client;
    assert_eq!(c.profile.name, bansou::sample::SAMPLE_NAME);
    assert!(r.stdout.contains(bansou::sample::SAMPLE_NAME), "{r}");
    // A second demo reuses it.
    let before = fs::read(env.client_file("demo")).unwrap();
    env.run(&["demo"]).ok();
    assert_eq!(fs::read(env.client_file("demo")).unwrap(), before);
}

#[test]
fn demo_without_a_data_folder_uses_a_fresh_private_temporary_one() {
    let env = Env::new();
    let r = Run::from(env.bare().arg("demo").output().unwrap());
    r.ok();
    let made: Vec<PathBuf> = fs::read_dir(env.home.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("bansou-demo-")
        })
        .collect();
    assert_eq!(made.len(), 1, "{made:?}\n{r}");
    assert_eq!(mode(&made[0]), 0o700);
    assert!(made[0].join("clients/demo/client.toml").is_file());
    assert!(
        !env.home.path().join(".local/share/bansou").exists(),
        "the user's data folder is not touched"
    );
}

#[test]
fn export_writes_a_new_folder_and_never_overwrites_one() {
    let env = Env::new();
    env.new_client("Export", "exp");
    let out = env.data().join("out");
    let out_s = out.to_str().unwrap();
    let r = env.run(&["export", "exp", "--out", out_s]);
    r.ok();
    assert_eq!(r.stdout.lines().next(), Some(out_s), "{r}");
    assert!(out.is_dir());
    let files: Vec<_> = fs::read_dir(&out).unwrap().collect();
    assert!(!files.is_empty(), "{r}");
    env.run(&["export", "exp", "--out", out_s]).fails();
}
