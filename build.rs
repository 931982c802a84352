//! Embeds the built-in themes (`themes/*/templates` and `themes/*/static`) into the binary, so
//! that `dossier init` and `dossier build` need no files beside the executable.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let themes = Path::new("themes");
    println!("cargo:rerun-if-changed=themes");
    let mut files: Vec<(String, String, String)> = Vec::new();
    for theme in std::fs::read_dir(themes).expect("themes/ exists") {
        let theme = theme.expect("readable theme folder").path();
        if !theme.is_dir() {
            continue;
        }
        let name = theme.file_name().unwrap().to_string_lossy().to_string();
        collect(&theme, &theme, &name, &mut files);
    }
    files.sort();
    let mut code = String::from(
        "/// (theme, path inside the theme, contents)\npub static EMBEDDED: &[(&str, &str, &[u8])] = &[\n",
    );
    for (theme, rel, abs) in &files {
        writeln!(code, "    ({theme:?}, {rel:?}, include_bytes!({abs:?})),").unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("embedded_themes.rs"), code)
        .expect("write embedded_themes.rs");
}

fn collect(base: &Path, dir: &Path, theme: &str, files: &mut Vec<(String, String, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable theme dir") {
        let path = entry.expect("readable entry").path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(base, &path, theme, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let abs = std::fs::canonicalize(&path)
                .unwrap()
                .to_string_lossy()
                .to_string();
            files.push((theme.to_string(), rel, abs));
        }
    }
}
