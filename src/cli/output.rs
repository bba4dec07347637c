//! What the commands print. Everything goes through `domain::clean` (client
//! data may hold escape sequences from a hand-edited file: they are shown as
//! ␛, never obeyed), and a failing stdout never panics: a closed pipe
//! (`bansou list | head -1`) ends the command quietly with status 1, a full
//! one (`> /dev/full`) with one line on stderr.

use std::io::{ErrorKind, StdoutLock, Write};

use super::Failure;
use crate::domain::clean;

/// Standard output, locked for a command.
pub struct Out(StdoutLock<'static>);

impl Out {
    pub fn new() -> Out {
        Out(std::io::stdout().lock())
    }

    /// One line (newlines and tabs in `s` become spaces).
    pub fn line(&mut self, s: &str) -> Result<(), Failure> {
        writeln!(self.0, "{}", clean::line(s)).map_err(failed)
    }

    /// A line of tab-separated fields, each cleaned on its own.
    pub fn fields(&mut self, fields: &[&str]) -> Result<(), Failure> {
        let cleaned: Vec<_> = fields.iter().map(|f| clean::line(f)).collect();
        writeln!(self.0, "{}", cleaned.join("\t")).map_err(failed)
    }

    /// Several lines as they are, cleaned of what a terminal would obey.
    pub fn text(&mut self, s: &str) -> Result<(), Failure> {
        self.0
            .write_all(clean::text(s).as_bytes())
            .and_then(|()| self.0.flush())
            .map_err(failed)
    }

    pub fn flush(&mut self) -> Result<(), Failure> {
        self.0.flush().map_err(failed)
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        // A failure here was already reported by the write or flush that met it.
        let _ = self.0.flush();
    }
}

/// A line on stderr, cleaned; a failing stderr is ignored (there is nowhere
/// left to say it).
pub fn note(s: &str) {
    let _ = writeln!(std::io::stderr(), "bansou: {}", clean::line(s));
}

/// A line on stderr as it is (a file's place leads it), cleaned.
pub fn err_line(s: &str) {
    let _ = writeln!(std::io::stderr(), "{}", clean::line(s));
}

fn failed(e: std::io::Error) -> Failure {
    if e.kind() == ErrorKind::BrokenPipe {
        Failure::quiet()
    } else {
        Failure(format!("cannot write the output: {e}"))
    }
}
