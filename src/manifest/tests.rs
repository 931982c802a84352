use super::*;

fn problems_of(text: &str) -> Vec<String> {
    let file = ManifestFile::new("dossier.yaml", text);
    let (_, problems) = parse(&file);
    problems.iter().map(|p| format!("{p}")).collect()
}

#[test]
fn a_good_manifest_parses_without_problems() {
    let text = r#"
title: Example
language: en
sources:
  - id: dw
    file: content/sources/dw.txt
    published: 2017-12-17
    facts: {detained: 7, initiated_by: Russia}
  - dir: content/more
    outlet: RFE/RL
events:
  - id: e1
    title: Kazan plot
    date: 2017-12-17
entities:
  - name: Vladimir Putin
    kind: person
    aliases: [Putin, Wladimir Putin]
compare:
  - label: Detained
    fact: detained
claims:
  - id: cia
    statement: The CIA tipped off Russia
    supports: [{terms: [CIA]}]
"#;
    let file = ManifestFile::new("dossier.yaml", text);
    let (m, problems) = parse(&file);
    assert!(problems.is_empty(), "{:?}", problems.0);
    let m = m.unwrap();
    assert_eq!(m.sources.len(), 2);
    assert_eq!(m.sources[0].facts["detained"].0, "7");
    assert_eq!(m.sources[0].published.unwrap().to_string(), "2017-12-17");
}

#[test]
fn unknown_keys_are_located_with_did_you_mean() {
    let p = problems_of("title: T\nsources:\n  - id: a\n    fiel: x.txt\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("dossier.yaml:4:5: error: unknown key `fiel` in `sources[0]`"),
        "{p:?}"
    );
    assert!(p[0].contains("did you mean `file`?"), "{p:?}");
    let p = problems_of("title: T\nsourcs: []\n");
    assert!(
        p[0].starts_with("dossier.yaml:2:1: error: unknown key `sourcs`"),
        "{p:?}"
    );
    assert!(p[0].contains("did you mean `sources`?"), "{p:?}");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = "title: T\nsources:\n  - id: a\n    fiel: x.txt\n  - id: b\n    file: y.txt\n    published: 2019-02-30\n  - id: c\n    file: z.txt\n    tags: nope\n";
    let p = problems_of(text);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[0].contains(":4:5:"), "{p:#?}");
    assert!(
        p[1].contains(":7:") && p[1].contains("not a date that exists"),
        "{p:#?}"
    );
    assert!(p[2].contains(":10:") && p[2].contains("tags"), "{p:#?}");
}

#[test]
fn duplicate_ids_point_at_the_second_and_name_the_first() {
    let text = "title: T\nsources:\n  - id: a\n    file: x.txt\n  - id: a\n    file: y.txt\n";
    let p = problems_of(text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("dossier.yaml:5:9: error: source id `a` is used twice"),
        "{p:?}"
    );
    assert!(p[0].contains("line 3"), "{p:?}");
}

#[test]
fn unsafe_ids_and_urls_are_refused() {
    let text =
        "title: T\nsources:\n  - id: ../../x\n    file: x.txt\n    url: javascript:alert(1)\n";
    let p = problems_of(text);
    assert!(
        p.iter().any(|m| m.contains("cannot be a source id")),
        "{p:?}"
    );
    assert!(p.iter().any(|m| m.contains("not a web address")), "{p:?}");
}

#[test]
fn syntax_errors_have_a_line() {
    let p = problems_of("title: T\nsources:\n  - id: a\n   file: [\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("dossier.yaml:"), "{p:?}");
    assert!(p[0].contains("indentation"), "{p:?}");
}

#[test]
fn missing_title_and_bad_kind() {
    let p = problems_of("sources: []\nentities:\n  - name: X\n    kind: persn\n");
    assert!(p.iter().any(|m| m.contains("no `title`")), "{p:?}");
    assert!(
        p.iter()
            .any(|m| m.contains(":4:11:") && m.contains("did you mean `person`")),
        "{p:?}"
    );
}

#[test]
fn references_and_patterns_are_checked() {
    let text = "title: T\nevents:\n  - {id: e2017, title: K}\nsources:\n  - id: a\n    file: x.txt\n    event: e2071\ncompare:\n  - label: L\n    pattern: '(unclosed'\n";
    let p = problems_of(text);
    assert!(
        p.iter()
            .any(|m| m.contains("unknown event `e2071`") && m.contains("did you mean `e2017`")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.contains(":10:") && m.contains("bad pattern")),
        "{p:?}"
    );
}

#[test]
fn schema_lists_the_keys() {
    let schema = json_schema().to_string();
    for key in ["sources", "facts", "compare", "claims", "aliases"] {
        assert!(schema.contains(key), "{key}");
    }
}

#[test]
fn a_manifest_that_is_not_a_map_says_what_it_should_be() {
    let p = problems_of("- a\n- b\n");
    assert!(p.iter().any(|m| m.contains("must be a map")), "{p:?}");
}

#[test]
fn an_unknown_key_with_no_near_match_lists_the_keys_allowed_there() {
    let file = ManifestFile::new(
        "dossier.yaml",
        "title: T\ncompare:\n  - name: X\n    pattern: x\n",
    );
    let (_, problems) = parse(&file);
    let p = problems
        .iter()
        .find(|p| p.message.contains("`name`"))
        .expect("reported");
    let hint = p.hint.as_deref().unwrap_or_default();
    assert!(hint.contains("label") && hint.contains("pattern"), "{hint}");
    assert_eq!(p.location.map(|l| (l.line, l.column)), Some((3, 5)));
}
