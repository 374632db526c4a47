//! Writes the JSON Schemas of the documents (`unimargin::schema`) into `docs/schema/`, or
//! into the folder given: `cargo run -p unimargin --features schema --example schemas [DIR]`.
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    for (name, text) in unimargin::schema::files() {
        std::fs::write(dir.join(name), text)?;
        println!("{}", dir.join(name).display());
    }
    Ok(())
}
