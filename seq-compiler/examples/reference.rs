//! Regenerates the generated pages of the language reference, `docs/words.md` (the
//! builtin words) and `docs/std.md` (the standard modules), from the compiler's tables:
//!
//! ```text
//! cargo run -p seq-compiler --example reference
//! ```

use std::path::Path;

fn main() -> std::io::Result<()> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    std::fs::create_dir_all(&docs)?;
    for (file, text) in [
        ("words.md", seq_compiler::reference::words_markdown()),
        ("std.md", seq_compiler::reference::std_markdown()),
    ] {
        let path = docs.join(file);
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
