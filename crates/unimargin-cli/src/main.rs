//! `unimargin`: the margin engine on the command line, for scripts and bots. The command
//! itself is the library's [`unimargin_cli::run_from`]; this writes its outcome.
//!
//! JSON on standard output with `format` first (one line, or indented with `--pretty`), exit
//! 0; bad input: exit 2, nothing on standard output, the error document on standard error;
//! output that cannot be written: exit 1 (quietly when the reader closed the pipe).

use std::io::{ErrorKind as IoKind, Write};
use std::process::ExitCode;
use unimargin::{Error, ErrorKind};
use unimargin_cli::Outcome;

fn main() -> ExitCode {
    match unimargin_cli::run_from(std::env::args_os(), &mut std::io::stdin().lock()) {
        Outcome::Answer(text) => write_stdout(&text),
        Outcome::Refused(error) => refuse(&error),
    }
}

/// Writes text on standard output and flushes it. A reader that closed the pipe ends the
/// run quietly with exit 1 (as Unix tools end on SIGPIPE); any other failure (a full disk)
/// is said on standard error, exit 1.
fn write_stdout(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == IoKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            let error = Error::new(
                "",
                ErrorKind::CannotWrite {
                    reason: e.to_string(),
                },
            );
            // standard error may be unwritable too: nothing more can be said then
            let _ = writeln!(std::io::stderr(), "{}", error.to_json());
            ExitCode::from(1)
        }
    }
}

/// Bad input: the error document on standard error, exit 2.
fn refuse(error: &Error) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{}", error.to_json());
    ExitCode::from(2)
}
