//! The command line: [`args`] (the raw flags) → [`plan`] (what to do,
//! usage errors found) → [`run`] (one conversion, and how it ended).

mod args;
mod events;
mod output;
mod plan;
mod report;
mod sync;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use pfocr2rdf::{Summary, convert_to};

use args::Cli;
use events::CliEvents;
use output::{Output, OutputError};
use plan::{Mode, Plan};

/// Parses the command line and runs it; returns the exit status.
pub fn run() -> ExitCode {
    let mode = match plan::resolve(Cli::parse()) {
        Ok(mode) => mode,
        Err(usage) => {
            eprintln!("pfocr2rdf: {usage}");
            return ExitCode::from(2);
        }
    };
    let printed = match mode {
        Mode::Completions(shell) => {
            clap_complete::generate(shell, &mut Cli::command(), "pfocr2rdf", &mut io::stdout());
            Ok(())
        }
        Mode::Manpage => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .and_then(|()| out.flush())
        }
        Mode::Convert(plan) => return ExitCode::from(convert(&plan)),
        Mode::Sync(plan) => return ExitCode::from(sync::run(&plan)),
    };
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pfocr2rdf: cannot write standard output: {e}");
            ExitCode::from(1)
        }
    }
}

/// How a conversion ended.
enum Ended {
    /// Every document written (records may have failed).
    Written,
    /// `--strict` stopped at a failed record; a `-o` file is not written.
    Stopped,
    /// The reader of standard output closed it (`| head`): not an error.
    ClosedPipe,
    /// An output could not be written.
    WriteFailed(OutputError),
}

impl Ended {
    fn status(&self, summary: &Summary) -> u8 {
        match self {
            Ended::ClosedPipe => 0,
            Ended::Stopped | Ended::WriteFailed(_) => 1,
            Ended::Written => u8::from(summary.failed > 0 || summary.empty),
        }
    }
}

fn is_closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Converts, writes, reports; returns the exit status.
fn convert(plan: &Plan) -> u8 {
    let target = plan.target.name();
    let mut events = CliEvents::new(plan.quiet, plan.verbose, plan.report.is_some());
    let (ended, summary) = match plan.target.open(plan.options.format) {
        Err(e) => (Ended::WriteFailed(e), None),
        Ok(mut output) => {
            let result = {
                let (mut documents, description) = output.writers();
                let stdin = io::BufReader::new(io::stdin());
                convert_to(
                    &plan.inputs,
                    &plan.options,
                    stdin,
                    &mut documents,
                    description,
                    &mut events,
                )
            };
            match result {
                Ok(summary) => (finish(output, plan, &summary), Some(summary)),
                Err(error) => {
                    drop(output);
                    let ended = if is_closed_pipe(&error) && !plan.target.is_file() {
                        Ended::ClosedPipe
                    } else {
                        Ended::WriteFailed(OutputError {
                            target: target.clone(),
                            error,
                        })
                    };
                    (ended, None)
                }
            }
        }
    };
    let collected = events.finish();
    // The run did not read its input to the end: nothing to sum up.
    let read_all = summary.is_some();
    let summary = summary.unwrap_or_default();
    for (key, u) in &summary.unmapped {
        eprintln!(
            "pfocr2rdf: unmapped key `{key}` in {} records (first in {}): no triples",
            u.count, u.first_path
        );
    }
    if plan.verbose && summary.skipped_files > 0 {
        eprintln!(
            "pfocr2rdf: {} other files in _data/ skipped (companions are <figid>-genes.tsv, -chemicals.tsv, -diseases.tsv)",
            summary.skipped_files
        );
    }
    match &ended {
        Ended::WriteFailed(e) => eprintln!("pfocr2rdf: {e}"),
        Ended::Stopped if plan.target.is_file() => {
            eprintln!("pfocr2rdf: stopped by --strict: {target} not written")
        }
        _ => {}
    }
    if read_all && !plan.quiet && !matches!(ended, Ended::ClosedPipe) {
        eprintln!("{}", summary_line(&summary));
    }
    let mut status = ended.status(&summary);
    if let (Some(path), Some(collected)) = (&plan.report, collected) {
        let written = matches!(ended, Ended::Written)
            || matches!(ended, Ended::Stopped) && !plan.target.is_file();
        let error = match &ended {
            Ended::WriteFailed(e) => Some(e.to_string()),
            _ => None,
        };
        let json = collected.json(&summary, status, written, &target, error);
        if let Err(e) = write_report(path, &json) {
            eprintln!("pfocr2rdf: {e}");
            status = 1;
        }
    }
    status
}

/// Commits the documents of a run that read its input to the end (or
/// was stopped by `--strict`).
fn finish(output: Output, plan: &Plan, summary: &Summary) -> Ended {
    if summary.stopped && plan.target.is_file() {
        // A stopped run leaves no file that looks complete.
        drop(output);
        return Ended::Stopped;
    }
    match output.commit() {
        Ok(()) if summary.stopped => Ended::Stopped,
        Ok(()) => Ended::Written,
        Err(e) if is_closed_pipe(&e.error) && !plan.target.is_file() => Ended::ClosedPipe,
        Err(e) => Ended::WriteFailed(e),
    }
}

/// The one-line summary printed on standard error.
fn summary_line(summary: &Summary) -> String {
    let written = match &summary.kgx {
        Some(k) => format!("{} nodes and {} edges written", k.nodes, k.edges),
        None => format!("{} triples written", summary.triples),
    };
    let mut s = format!(
        "pfocr2rdf: {} records converted, {} failed, {written}, {} warnings",
        summary.converted, summary.failed, summary.warnings
    );
    if summary.unmapped.is_empty() {
        s.push_str(", no unmapped keys");
    } else {
        let keys: Vec<String> = summary
            .unmapped
            .iter()
            .map(|(k, u)| format!("{k} ({})", u.count))
            .collect();
        s.push_str(", unmapped keys: ");
        s.push_str(&keys.join(", "));
    }
    if summary.stopped {
        s.push_str(" (stopped by --strict)");
    }
    s
}

pub(crate) fn write_report(path: &Path, json: &serde_json::Value) -> Result<(), OutputError> {
    let mut out = Output::files(&[path.to_path_buf()])?;
    let mut text = serde_json::to_vec_pretty(json).expect("JSON");
    text.push(b'\n');
    out.writers().0[0]
        .write_all(&text)
        .map_err(|error| OutputError {
            target: path.display().to_string(),
            error,
        })?;
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
