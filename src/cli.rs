//! Command line: `bansou [--data-dir DIR] <command>`.
//!
//! Exit 0 on success, 1 with a one-line error on stderr, 2 on bad usage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Local};
use clap::{Parser, Subcommand};

use crate::config;
use crate::content::Catalog;
use crate::domain::intake::parse_respondent;
use crate::domain::model::Role;
use crate::export::questionnaire::{Form, write_questionnaires};
use crate::store::{Store, StoreError};

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

/// An error for the user: one line, no backtrace.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let msg = msg.replace('\n', " ");
            eprintln!("bansou: {msg}");
            if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
                eprintln!("{}", std::backtrace::Backtrace::force_capture());
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
        eprintln!(
            "bansou: open a client with `bansou open ID`, create one with `bansou new --name NAME`"
        );
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::New { name, id, sample } => {
            let store = store(cli.data_dir)?;
            let catalog = catalog()?;
            let id = crate::clients::create(&store, &catalog, &name, id.as_deref(), sample)
                .map_err(Failure)?;
            println!("{id}");
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
                eprintln!("{}: error: {}: {}", path.display(), p.place, p.message);
            }
            if !errors.is_empty() && !force {
                for p in &warnings {
                    eprintln!("{}: warning: {}: {}", path.display(), p.place, p.message);
                }
                eprintln!(
                    "bansou: {} error(s) in {}; nothing exported (fix them, or give --force)",
                    errors.len(),
                    path.display()
                );
                return Ok(ExitCode::from(1));
            }
            let mut opts = crate::export::Options::new(Local::now().naive_local(), &settings);
            opts.with_planned = with_planned;
            let written =
                crate::export::export_all(&store, &catalog, &client, out.as_deref(), &opts)?;
            println!("{}", written.folder.display());
            for f in &written.files {
                println!("  {}", f.display());
            }
            for p in &warnings {
                eprintln!("{}: warning: {}: {}", path.display(), p.place, p.message);
            }
            for n in &written.notices {
                eprintln!("bansou: {n}");
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
            for p in write_questionnaires(&catalog, &client, &forms, &out, today)? {
                println!("{}", p.display());
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
            for l in &lines {
                println!("{l}");
            }
            if refused > 0 {
                let rest = if refused == lines.len() {
                    "nothing was imported"
                } else {
                    "the others were imported"
                };
                eprintln!("bansou: {refused} of {} refused; {rest}", lines.len());
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
            eprintln!("bansou: demo data in {}", store.root().display());
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
    let mut out = std::io::stdout().lock();
    for listed in store.list()? {
        let line = match &listed.client {
            Ok(c) => {
                let done = c.sessions_done();
                format!(
                    "{}\t{}\t{done}/4\t{}",
                    listed.id,
                    c.profile.name,
                    saved_label(listed.saved)
                )
            }
            Err(e) => format!(
                "{}\t(読み込めません: {e})\t-\t{}",
                listed.id,
                saved_label(listed.saved)
            ),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
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
    let mut app =
        crate::app::App::new(catalog, keymap, settings, store, Local::now().naive_local());
    match id {
        Some(id) => app.open_client(id, session)?,
        None => app.show_picker(),
    }
    crate::tui::run(app).map_err(|e| Failure(e.to_string()))?;
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
                eprintln!(
                    "bansou: upgraded the file to the current layout; the original is kept as {}",
                    b.display()
                );
            }
            (opened.client, None)
        }
        Err(StoreError::Locked(holder)) => (store.load(id)?.client, Some(holder.to_string())),
        Err(e) => return Err(e.into()),
    };
    let now = Local::now().naive_local();
    let mut out = std::io::stdout().lock();
    if let Some(reason) = read_only {
        writeln!(out, "読み取り専用 (read-only): {reason}")?;
    }
    write!(
        out,
        "{}",
        crate::summary::summary(&client, catalog, session, now)
    )?;
    Ok(ExitCode::SUCCESS)
}

fn check_client(store: &Store, catalog: &Catalog, id: &str) -> Result<ExitCode, Failure> {
    let loaded = store.load(id)?;
    let problems = catalog.check(&loaded.client);
    let path = store.client_path(id)?;
    let errors = problems.iter().filter(|p| p.is_error()).count();
    for p in &problems {
        let kind = if p.is_error() { "" } else { "warning: " };
        println!("{}: {kind}{}: {}", path.display(), p.place, p.message);
    }
    if errors == 0 {
        println!("{}: ok", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("bansou: {errors} problem(s) in {}", path.display());
    Ok(ExitCode::from(1))
}
