//! Safe names for URLs and files: ids and titles become slugs that cannot escape their folder.

/// Whether `id` is acceptable as written: letters, digits, `-`, `_`, `.`; no `..`, no leading dot.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && !id.contains("..")
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A lowercase ASCII slug (`Wladimir Putin` → `wladimir-putin`, `Kazan Cathedral` → `kazan-cathedral`).
/// Never empty, never `.`/`..`, never contains a path separator.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if c == '.' || c == '_' {
            // Keep dots and underscores inside ids such as `src-00001.v2`, never at the start.
            if !out.is_empty() && !dash {
                out.push(c);
            }
        } else if !out.is_empty() && !dash {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with(['-', '.', '_']) {
        out.pop();
    }
    if out.len() > 80 {
        let mut cut = 80;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        while out.ends_with(['-', '.', '_']) {
            out.pop();
        }
    }
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    if out.is_empty() { "x".to_string() } else { out }
}

/// Makes every slug in `slugs` unique by appending `-2`, `-3`, … to later repeats. A slug
/// names a page file beside its kind's list (`entities/<slug>.html` beside
/// `entities/index.html`), so `index` is taken from the start.
pub fn dedupe(slugs: &mut [String]) {
    let mut seen = std::collections::HashSet::from(["index".to_string()]);
    // The next number to try for each repeated slug: a slug repeated k times costs k tries,
    // not k²/2 (hundreds of quote groups may open with the same words).
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for s in slugs.iter_mut() {
        if !seen.insert(s.clone()) {
            let n = next.entry(s.clone()).or_insert(2);
            while !seen.insert(format!("{s}-{n}")) {
                *n += 1;
            }
            *s = format!("{s}-{n}");
            *n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_safe() {
        assert_eq!(slugify("Wladimir Putin"), "wladimir-putin");
        assert_eq!(slugify("Dmitri Peskow!"), "dmitri-peskow");
        assert_eq!(slugify("Moskau – Kreml"), "moskau-kreml");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("..."), "x");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_eq!(slugify("src-00001"), "src-00001");
    }

    #[test]
    fn ids_refuse_traversal() {
        assert!(is_safe_id("dw-2017-12-17"));
        assert!(!is_safe_id("../x"));
        assert!(!is_safe_id("a/b"));
        assert!(!is_safe_id(".hidden"));
        assert!(!is_safe_id(""));
    }

    #[test]
    fn dedupe_numbers_repeats() {
        let mut v = vec![
            "a".to_string(),
            "a".to_string(),
            "b".to_string(),
            "a".to_string(),
        ];
        dedupe(&mut v);
        let mut listed = vec!["index".to_string(), "index".to_string()];
        dedupe(&mut listed);
        assert_eq!(listed, ["index-2", "index-3"]);
        assert_eq!(v, ["a", "a-2", "b", "a-3"]);
    }

    #[test]
    fn dedupe_gives_the_first_free_number_even_when_numbered_slugs_come_in_between() {
        // The first free number, as a search from 2 each time would give it.
        let naive = |slugs: &[&str]| {
            let mut seen = std::collections::HashSet::from(["index".to_string()]);
            slugs
                .iter()
                .map(|s| {
                    let mut out = s.to_string();
                    let mut n = 2;
                    while !seen.insert(out.clone()) {
                        out = format!("{s}-{n}");
                        n += 1;
                    }
                    out
                })
                .collect::<Vec<_>>()
        };
        let input = [
            "a", "a-3", "a", "a", "a-2", "a", "a-2", "b", "a-5", "a", "b-2", "b", "b",
        ];
        let mut v: Vec<String> = input.iter().map(|s| s.to_string()).collect();
        dedupe(&mut v);
        assert_eq!(v, naive(&input));
        let set: std::collections::HashSet<&String> = v.iter().collect();
        assert_eq!(set.len(), v.len());
    }
}
