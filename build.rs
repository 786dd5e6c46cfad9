//! Reads the vocabulary version (`owl:versionInfo` of `vocab/pfocr.ttl`)
//! into `PFOCR_VOCAB_VERSION`, for `--version` and the dataset description.

fn main() {
    let path = "vocab/pfocr.ttl";
    println!("cargo:rerun-if-changed={path}");
    let ttl = std::fs::read_to_string(path).expect("vocab/pfocr.ttl");
    let version = ttl
        .lines()
        .find_map(|l| {
            let rest = l.trim().strip_prefix("owl:versionInfo")?.trim();
            let rest = rest.strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_owned())
        })
        .expect("owl:versionInfo \"…\" in vocab/pfocr.ttl");
    println!("cargo:rustc-env=PFOCR_VOCAB_VERSION={version}");
}
