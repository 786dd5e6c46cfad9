//! `pfocr2rdf sync`: flags → [`SyncOptions`], the run, its summary line and
//! its report. Credentials come from the environment only, and are never
//! printed.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use pfocr2rdf::sync::{Auth, MaxDelete, SyncError, SyncOptions, SyncReport, sync};
use serde_json::json;

use super::args::SyncArgs;
use super::events::CliEvents;

/// The password of `--user`.
pub const PASSWORD_VAR: &str = "PFOCR2RDF_PASSWORD";
/// A bearer token, without `--user`.
pub const TOKEN_VAR: &str = "PFOCR2RDF_TOKEN";

/// A sync, resolved.
pub struct SyncPlan {
    inputs: Vec<PathBuf>,
    options: SyncOptions,
    report: Option<PathBuf>,
    quiet: bool,
    verbose: bool,
}

/// Resolves the flags; an `Err` is a usage error.
pub fn resolve(args: SyncArgs) -> Result<SyncPlan, String> {
    let auth = match &args.user {
        Some(user) => match std::env::var(PASSWORD_VAR) {
            Ok(password) => Auth::Basic {
                user: user.clone(),
                password,
            },
            Err(_) => return Err(format!("--user {user}: set the password in {PASSWORD_VAR}")),
        },
        None => match std::env::var(TOKEN_VAR) {
            Ok(token) if !token.is_empty() => Auth::Bearer(token),
            _ => Auth::None,
        },
    };
    let ca_pem = match &args.ca_cert {
        Some(path) => {
            Some(std::fs::read(path).map_err(|e| format!("--ca-cert {}: {e}", path.display()))?)
        }
        None => None,
    };
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(format!(
            "--timeout {}: give a number of seconds above 0",
            args.timeout
        ));
    }
    for (flag, url) in [
        ("--endpoint", Some(&args.endpoint)),
        ("--update-endpoint", args.update_endpoint.as_ref()),
    ] {
        if let Some(url) = url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(format!("{flag} {url}: give an http:// or https:// URL"));
        }
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        return Err("--jobs must be at least 1".into());
    }
    let delete = match (args.no_delete, args.max_delete) {
        (true, _) => None,
        (false, Some(n)) => Some(MaxDelete::Count(n)),
        (false, None) => Some(MaxDelete::TenthOfStore),
    };
    Ok(SyncPlan {
        options: SyncOptions {
            update_endpoint: args
                .update_endpoint
                .unwrap_or_else(|| args.endpoint.clone()),
            query_endpoint: args.endpoint,
            schema_https: args.schema_https,
            jobs,
            batch: args.batch as usize,
            max_request_bytes: args.max_request_bytes as usize,
            connections: args.connections as usize,
            timeout: Duration::from_secs_f64(args.timeout),
            retries: args.retries,
            page: args.page_size as usize,
            dry_run: args.dry_run,
            delete,
            auth,
            ca_pem,
        },
        inputs: args.inputs,
        report: args.report,
        quiet: args.quiet,
        verbose: args.verbose,
    })
}

/// Syncs; returns the exit status.
pub fn run(plan: &SyncPlan) -> u8 {
    let started = Instant::now();
    let mut events = CliEvents::new(plan.quiet, plan.verbose, plan.report.is_some());
    let mut stdout = io::stdout().lock();
    let result = sync(&plan.inputs, &plan.options, &mut events, &mut stdout);
    let collected = events.finish();
    let seconds = started.elapsed().as_secs_f64();
    let (status, json) = match &result {
        Ok(r) => {
            let status = u8::from(r.failed() > 0 || r.conversion.failed > 0 || r.conversion.empty);
            if r.deletes_withheld > 0 {
                eprintln!(
                    "pfocr2rdf: {} figure graphs not deleted: records that failed may give them",
                    r.deletes_withheld
                );
            }
            if r.failed() > 0 {
                eprintln!(
                    "pfocr2rdf: {} figures not synced (run sync again to finish): {}",
                    r.failed(),
                    r.failed_figures.join(", ")
                );
            }
            if !plan.quiet {
                eprintln!("{}", summary_line(r, plan.options.dry_run, seconds));
            }
            (
                status,
                report_json(r, status, plan.options.dry_run, seconds, None),
            )
        }
        Err(e) => {
            eprintln!("pfocr2rdf: sync: {e}");
            let status = match e {
                SyncError::Usage(_) => 2,
                _ => 1,
            };
            let r = SyncReport::default();
            (
                status,
                report_json(
                    &r,
                    status,
                    plan.options.dry_run,
                    seconds,
                    Some(e.to_string()),
                ),
            )
        }
    };
    let mut status = status;
    if let Some(path) = &plan.report {
        let mut json = json;
        if let Some(c) = collected {
            let summary = result
                .as_ref()
                .map(|r| r.conversion.clone())
                .unwrap_or_default();
            let conversion = c.json(&summary, status, true, "", None);
            json["records"] = conversion["totals"].clone();
            json["failed_records"] = conversion["failed"].clone();
            json["warnings"] = conversion["warnings"].clone();
        }
        if let Err(e) = super::write_report(path, &json) {
            eprintln!("pfocr2rdf: {e}");
            status = 1;
        }
    }
    status
}

fn summary_line(r: &SyncReport, dry_run: bool, seconds: f64) -> String {
    let c = &r.conversion;
    if dry_run {
        return format!(
            "pfocr2rdf sync --dry-run: would add {}, update {}, delete {}; {} unchanged; {} records converted, {} failed; nothing sent",
            r.added, r.updated, r.deleted, r.unchanged, c.converted, c.failed
        );
    }
    format!(
        "pfocr2rdf sync: {} added, {} updated, {} unchanged, {} deleted, {} failed; {} triples sent in {} requests ({} retried), {:.1} s; {} records converted, {} failed, {} warnings",
        r.added,
        r.updated,
        r.unchanged,
        r.deleted,
        r.failed(),
        r.triples_sent,
        r.requests,
        r.retries,
        seconds,
        c.converted,
        c.failed,
        c.warnings,
    )
}

fn report_json(
    r: &SyncReport,
    status: u8,
    dry_run: bool,
    seconds: f64,
    error: Option<String>,
) -> serde_json::Value {
    json!({
        "pfocr2rdf": env!("CARGO_PKG_VERSION"),
        "exit_status": status,
        "dry_run": dry_run,
        "error": error,
        "added": r.added,
        "updated": r.updated,
        "unchanged": r.unchanged,
        "deleted": r.deleted,
        "failed": r.failed(),
        "failed_figures": r.failed_figures,
        "deletes_withheld": r.deletes_withheld,
        "store_figures": r.held,
        "triples_sent": r.triples_sent,
        "requests": r.requests,
        "retries": r.retries,
        "seconds": seconds,
    })
}
