//! The `pfocr2rdf` command: resolves the flags and calls the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
