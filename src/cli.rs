//! Command line: `bansou [--data-dir DIR] <command>`.
//!
//! Exit 0 on success, 1 with a one-line error on stderr, 2 on bad usage.

mod output;

use std::io::Write;

use output::{Out, err_line, note};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Local};
use clap::{Parser, Subcommand};

use crate::config;
use crate::content::Catalog;
use crate::domain::intake::parse_respondent;
use crate::domain::model::Role;
use crate::export::questionnaire::{Form, write_questionnaires};
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "bansou",
    version,
    about = "伴走 — 中小企業の情報セキュリティマネジメント指導の進行を支える端末アプリ"
)]
pub struct Cli {
    /// Folder holding the client data (default: the platform's data folder).
    #[arg(long, global = true, env = "BANSOU_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a client and print its id.
    New {
        /// Company name (Japanese is fine).
        #[arg(long)]
        name: String,
        /// Id: a-z, 0-9, '-', '_', 1–64 characters (derived from the name when omitted).
        #[arg(long)]
        id: Option<String>,
        /// Fill it with the built-in sample company.
        #[arg(long)]
        sample: bool,
    },
    /// One line per client: id, name, sessions done, last saved.
    List,
    /// Open a client.
    Open {
        id: String,
        /// Session screen to start on (1–4).
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        session: Option<u8>,
    },
    /// A read-only window for the projector or a web-meeting share: the
    /// session's clock and agenda only, following the file the main window saves.
    Present {
        id: String,
        /// Session to show (1–4); without it, the running one, else the next not done.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        session: Option<u8>,
    },
    /// Export the deliverables (.xlsx, PDF, .docx and Markdown); refuses when `check` finds errors.
    Export {
        id: String,
        /// Folder to write into (default: <data>/clients/<id>/exports/<timestamp>/).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Export even when `check` finds errors.
        #[arg(long)]
        force: bool,
        /// Also write reports of sessions planned but not held yet.
        #[arg(long)]
        with_planned: bool,
    },
    /// Validate a client's file and data; prints each problem with its place.
    Check { id: String },
    /// Write self-diagnosis questionnaires (.xlsx), one per respondent, to send out.
    Questionnaire {
        id: String,
        /// Folder to write into (created when missing; existing files are never overwritten).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// NAME:ROLE, ROLE one of 経営者, 管理者, 従業員; repeat it; none gives one blank form.
        #[arg(long = "respondent", value_name = "NAME:ROLE", value_parser = parse_respondent)]
        respondents: Vec<(String, Role)>,
    },
    /// Import filled questionnaires, 自社診断結果 sheets or CSV files; one line per file.
    Import {
        id: String,
        /// .xlsx or .csv files, or folders holding them.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// NAME:ROLE for the files that do not name their respondent, in order.
        #[arg(long = "respondent", value_name = "NAME:ROLE", value_parser = parse_respondent)]
        respondents: Vec<(String, Role)>,
        /// Replace a respondent already present (same name and role).
        #[arg(long)]
        replace: bool,
    },
    /// Open the built-in sample client (in a fresh temporary data folder unless --data-dir is given).
    Demo,
}

/// An error for the user: one line, no backtrace; empty for an end that
/// has nothing to say (stdout closed by the reader).
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    pub fn quiet() -> Failure {
        Failure(String::new())
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(msg)) if msg.is_empty() => ExitCode::from(1),
        Err(Failure(msg)) => {
            note(&msg);
            if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    std::backtrace::Backtrace::force_capture()
                );
            }
            ExitCode::from(1)
        }
    }
}

fn catalog() -> Result<Catalog, Failure> {
    Ok(Catalog::load(config::content_dir().as_deref())?)
}

fn store(data_dir: Option<PathBuf>) -> Result<Store, Failure> {
    Ok(Store::new(config::data_dir(data_dir).map_err(Failure)?))
}

pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let Some(command) = cli.command else {
        let store = store(cli.data_dir)?;
        let catalog = catalog()?;
        if interactive() {
            return run_tui(store, catalog, None, None);
        }
        print_list(&store)?;
        note("open a client with `bansou open ID`, create one with `bansou new --name NAME`");
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::New { name, id, sample } => {
            let store = store(cli.data_dir)?;
            let catalog = catalog()?;
            let id = crate::clients::create(&store, &catalog, &name, id.as_deref(), sample)
                .map_err(Failure)?;
            Out::new().line(&id)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            let store = store(cli.data_dir)?;
            catalog()?; // an invalid content override stops every command
            print_list(&store)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Open { id, session } => {
            let store = store(cli.data_dir)?;
            let catalog = catalog()?;
            open(&store, &catalog, &id, session)
        }
        Command::Present { id, session } => {
            let store = store(cli.data_dir)?;
            let catalog = catalog()?;
            present(store, catalog, &id, session)
        }
        Command::Export {
            id,
            out,
            force,
            with_planned,
        } => {
            let store = store(cli.data_dir)?;
            let catalog = catalog()?;
            let settings = config::settings().map_err(Failure)?;
            let client = store.load(&id)?.client;
            let path = store.client_path(&id)?;
            let (errors, warnings) = crate::export::gate(&catalog, &client);
            for p in &errors {
                err_line(&format!(
                    "{}: error: {}: {}",
                    path.display(),
                    p.place,
                    p.message
                ));
            }
            let warn = || {
                for p in &warnings {
                    let (place, message) = (&p.place, &p.message);
                    err_line(&format!("{}: warning: {place}: {message}", path.display()));
                }
            };
            if !errors.is_empty() && !force {
                warn();
                note(&format!(
                    "{} error(s) in {}; nothing exported (fix them, or give --force)",
                    errors.len(),
                    path.display()
                ));
                return Ok(ExitCode::from(1));
            }
            let mut opts = crate::export::Options::new(crate::clock::wall(), &settings);
            opts.with_planned = with_planned;
            let written =
                crate::export::export_all(&store, &catalog, &client, out.as_deref(), &opts)?;
            let mut out = Out::new();
            out.line(&written.folder.display().to_string())?;
            for f in &written.files {
                out.line(&format!("  {}", f.display()))?;
            }
            warn();
            for n in &written.notices {
                note(n);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { id } => {
            let store = store(cli.data_dir)?;
            let catalog = catalog()?;
            check_client(&store, &catalog, &id)
        }
        Command::Questionnaire {
            id,
            out,
            respondents,
        } => {
            let (store, catalog) = (store(cli.data_dir)?, catalog()?);
            let client = store.load(&id)?.client;
            let forms: Vec<Form> = respondents
                .into_iter()
                .map(|(name, role)| Form {
                    name,
                    role: Some(role),
                })
                .collect();
            let today = Local::now().date_naive();
            let mut stdout = Out::new();
            for p in write_questionnaires(&catalog, &client, &forms, &out, today)? {
                stdout.line(&p.display().to_string())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            id,
            files,
            respondents,
            replace,
        } => {
            let store = store(cli.data_dir)?;
            catalog()?; // an invalid content override stops every command
            let lines = crate::import::import_and_save(&store, &id, &files, &respondents, replace)
                .map_err(|e| Failure(format!("nothing imported: {e}")))?;
            let refused = lines.iter().filter(|l| !l.imported()).count();
            let mut out = Out::new();
            for l in &lines {
                out.line(&l.to_string())?;
            }
            out.flush()?;
            if refused > 0 {
                let rest = if refused == lines.len() {
                    "nothing was imported"
                } else {
                    "the others were imported"
                };
                note(&format!("{refused} of {} refused; {rest}", lines.len()));
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo => {
            let catalog = catalog()?;
            let store = match cli.data_dir {
                Some(dir) => Store::new(dir),
                None => Store::new(demo_dir()?),
            };
            if !store.exists("demo") {
                let name = crate::sample::SAMPLE_NAME;
                crate::clients::create(&store, &catalog, name, Some("demo"), true)
                    .map_err(Failure)?;
            }
            note(&format!("demo data in {}", store.root().display()));
            open(&store, &catalog, "demo", None)
        }
    }
}

/// A new private folder under the system temp folder for the demo.
fn demo_dir() -> Result<PathBuf, Failure> {
    use std::os::unix::fs::DirBuilderExt;
    let base = std::env::temp_dir();
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    for n in 0..100 {
        let dir = base.join(format!("bansou-demo-{stamp}-{}-{n}", std::process::id()));
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Failure(format!("{}: {e}", dir.display()))),
        }
    }
    Err(Failure(format!(
        "cannot make a demo folder in {}",
        base.display()
    )))
}

fn saved_label(t: Option<std::time::SystemTime>) -> String {
    t.map(|t| {
        DateTime::<Local>::from(t)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
    .unwrap_or_else(|| "-".into())
}

fn print_list(store: &Store) -> Result<(), Failure> {
    let mut out = Out::new();
    for listed in store.list()? {
        let saved = saved_label(listed.saved);
        match &listed.client {
            Ok(c) => {
                let done = format!("{}/4", c.sessions_done());
                out.fields(&[&listed.id, &c.profile.name, &done, &saved])?;
            }
            // Where it is broken, not what is there: the value may be a
            // password typed into the wrong field, next to other clients' names.
            Err(e) => {
                let why = format!("(読み込めません: {})", e.place());
                out.fields(&[&listed.id, &why, "-", &saved])?;
            }
        }
    }
    out.flush()
}

/// Both ends are a terminal: run the screens; otherwise print text.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// The terminal UI on a client (or the picker when `id` is None).
fn run_tui(
    store: Store,
    catalog: Catalog,
    id: Option<&str>,
    session: Option<u8>,
) -> Result<ExitCode, Failure> {
    let settings = config::settings().map_err(Failure)?;
    let keymap = crate::keymap::Keymap::load(&settings.keymap, config::user_keymap().as_deref())?;
    if let Some(id) = id {
        // Refuse a missing or corrupt client before the screen takes over.
        store.load(id)?;
    }
    let _ = color_eyre::install();
    let mut app = crate::app::App::new(catalog, keymap, settings, store, crate::clock::wall());
    app.config_dir = config::config_dir();
    match id {
        Some(id) => app.open_client(id, session)?,
        None => app.show_picker(),
    }
    crate::tui::run(app).map_err(|e| Failure(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}

/// The presentation window; it needs a terminal (there is nothing to print).
fn present(
    store: Store,
    catalog: Catalog,
    id: &str,
    session: Option<u8>,
) -> Result<ExitCode, Failure> {
    let settings = config::settings().map_err(Failure)?;
    let keymap = crate::keymap::Keymap::load(&settings.keymap, config::user_keymap().as_deref())?;
    let window =
        crate::present::Present::open(store, catalog, &keymap, settings.warn_minutes, id, session)?;
    if !interactive() {
        return Err(Failure(
            "present needs a terminal (it shows the session's clock for a shared screen)".into(),
        ));
    }
    let _ = color_eyre::install();
    crate::present::run(window, &keymap).map_err(|e| Failure(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}

fn open(
    store: &Store,
    catalog: &Catalog,
    id: &str,
    session: Option<u8>,
) -> Result<ExitCode, Failure> {
    if interactive() {
        return run_tui(store.clone(), catalog.clone(), Some(id), session);
    }
    let (client, read_only) = match store.open(id) {
        Ok(opened) => {
            if let Some(b) = &opened.upgraded_backup {
                note(&format!(
                    "upgraded the file to the current layout; the original is kept as {}",
                    b.display()
                ));
            }
            for n in &opened.notices {
                note(n);
            }
            (opened.client, None)
        }
        Err(e) if e.read_only_reason().is_some() => (store.load(id)?.client, e.read_only_reason()),
        Err(e) => return Err(e.into()),
    };
    let now = crate::clock::wall();
    let mut out = Out::new();
    if let Some(reason) = read_only {
        out.line(&format!("読み取り専用 (read-only): {reason}"))?;
    }
    out.text(&crate::summary::summary(&client, catalog, session, now))?;
    Ok(ExitCode::SUCCESS)
}

fn check_client(store: &Store, catalog: &Catalog, id: &str) -> Result<ExitCode, Failure> {
    let loaded = store.load(id)?;
    let problems = catalog.check(&loaded.client);
    let path = store.client_path(id)?;
    // Loose modes and leftovers of interrupted saves, as `open` would fix them.
    let files = store.audit(id)?;
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let mut out = Out::new();
    for f in &files {
        out.line(f)?;
    }
    for p in &problems {
        let kind = if p.is_error() { "" } else { "warning: " };
        out.line(&format!(
            "{}: {kind}{}: {}",
            path.display(),
            p.place,
            p.message
        ))?;
    }
    if errors == 0 && files.is_empty() {
        out.line(&format!("{}: ok", path.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    out.flush()?;
    note(&format!(
        "{} problem(s) in {}",
        errors + files.len(),
        path.display()
    ));
    Ok(ExitCode::from(1))
}
