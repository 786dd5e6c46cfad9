//! What the user sees during a run: each problem on standard error (around
//! the progress bar, with warnings of one kind capped), the `--report`
//! collection, and the progress bar.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pfocr2rdf::{Diagnostic, Events, Severity};

use super::report::{ReportCollector, warning_kind};

/// A progress bar is shown for runs of more records than this.
const PROGRESS_MIN: u64 = 500;

/// Warnings of one kind (`genes[].entrez`, ...) shown before the rest are
/// only counted: a corpus with the same gap in every record should not
/// bury the errors.
const WARNINGS_SHOWN: u64 = 20;

/// Diagnostics to standard error (around the progress bar) and to the report.
pub struct CliEvents {
    quiet: bool,
    verbose: bool,
    bar: Option<ProgressBar>,
    report: Option<ReportCollector>,
    /// Warnings seen per kind.
    warnings: BTreeMap<String, u64>,
}

impl CliEvents {
    /// `report`: collect for `--report`.
    pub fn new(quiet: bool, verbose: bool, report: bool) -> Self {
        CliEvents {
            quiet,
            verbose,
            bar: None,
            report: report.then(ReportCollector::default),
            warnings: BTreeMap::new(),
        }
    }

    /// Ends the progress bar, and says how many warnings were not shown.
    /// Returns what `--report` collected.
    pub fn finish(mut self) -> Option<ReportCollector> {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.hidden_warnings();
        self.report
    }

    /// One line per kind of warning not shown in full.
    fn hidden_warnings(&self) {
        for (kind, n) in &self.warnings {
            if *n > WARNINGS_SHOWN {
                eprintln!(
                    "pfocr2rdf: {} more warnings for `{kind}` not shown ({n} in all; -v shows every warning, --report FILE counts them by kind)",
                    n - WARNINGS_SHOWN
                );
            }
        }
    }
}

impl Events for CliEvents {
    fn diagnostic(&mut self, d: &Diagnostic) {
        if let Some(r) = &mut self.report {
            r.add(d);
        }
        if d.severity == Severity::Warning && !self.verbose {
            let seen = self.warnings.entry(warning_kind(&d.field)).or_default();
            *seen += 1;
            if *seen > WARNINGS_SHOWN {
                return;
            }
        }
        let print = || {
            let _ = writeln!(io::stderr().lock(), "{d}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    fn wants_total(&self) -> bool {
        !self.quiet && io::stderr().is_terminal()
    }

    fn start(&mut self, total: Option<u64>) {
        let Some(total) = total else { return };
        if self.quiet || total <= PROGRESS_MIN || !io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {human_pos}/{human_len} records  {rate:>9}  ETA {eta}",
            )
            .expect("template")
            .with_key(
                "rate",
                |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", s.per_sec());
                },
            ),
        );
        bar.tick();
        self.bar = Some(bar);
    }

    fn record_done(&mut self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}
