//! `pfocr2rdf sync` without a store: usage errors (exit 2) and a store that
//! cannot be reached (exit 1, nothing else done). The runs against real
//! stores are `tests/sync/run` (Oxigraph server and Virtuoso).

use std::process::{Command, Output};

fn sync(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"));
    c.arg("sync").args(args);
    c.env_remove("PFOCR2RDF_PASSWORD")
        .env_remove("PFOCR2RDF_TOKEN");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Arguments, environment, and what the error must say.
type Case = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// Nothing listens on port 1 of the loopback address.
const DEAD: &str = "http://127.0.0.1:1/query";

#[test]
fn usage_errors_exit_2_and_say_what_to_do() {
    let cases: [Case; 6] = [
        (&["--endpoint", DEAD, "-"], &[], "not standard input"),
        (
            &["--endpoint", DEAD, "--user", "u", "examples/records"],
            &[],
            "PFOCR2RDF_PASSWORD",
        ),
        (
            &["--endpoint", "ftp://x/sparql", "examples/records"],
            &[],
            "http:// or https://",
        ),
        (
            &["--endpoint", DEAD, "--timeout", "0", "examples/records"],
            &[],
            "--timeout",
        ),
        (
            &[
                "--endpoint",
                DEAD,
                "--ca-cert",
                "/nonexistent.pem",
                "examples/records",
            ],
            &[],
            "--ca-cert",
        ),
        (
            &[
                "--endpoint",
                DEAD,
                "--ca-cert",
                "Cargo.toml",
                "examples/records",
            ],
            &[],
            "certificate",
        ),
    ];
    for (args, env, says) in cases {
        let o = sync(args, env);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    let o = sync(&["examples/records"], &[]);
    assert_eq!(o.status.code(), Some(2), "--endpoint is required");
}

#[test]
fn an_unreachable_store_is_one_clear_error_and_the_secret_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let secret = "s3cret-not-to-be-printed";
    let o = sync(
        &[
            "--endpoint",
            DEAD,
            "--retries",
            "1",
            "--user",
            "u",
            "--report",
            report.to_str().unwrap(),
            "examples/records",
        ],
        &[("PFOCR2RDF_PASSWORD", secret)],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("cannot read the store's figures"), "{err}");
    assert!(err.contains("127.0.0.1:1"), "names the endpoint: {err}");
    assert!(err.contains("2 attempts"), "one retry: {err}");
    let text = std::fs::read_to_string(&report).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in ["added", "updated", "unchanged", "deleted", "failed"] {
        assert_eq!(json[key], 0, "{key}: {text}");
    }
    assert_eq!(json["failed_figures"], serde_json::json!([]));
    assert!(json["error"].as_str().unwrap().contains("127.0.0.1:1"));
    for out in [
        &err,
        &String::from_utf8_lossy(&o.stdout).into_owned(),
        &text,
    ] {
        assert!(!out.contains(secret));
    }
}
