// Shared checks: whatever an extractor returns must be safe to slice and render.
use dossier::extract::Document;

pub fn check_document(doc: &Document) {
    let t = &doc.text;
    for b in &doc.blocks {
        assert!(b.start <= b.end && b.end <= t.len() && t.is_char_boundary(b.start) && t.is_char_boundary(b.end));
    }
    for q in &doc.quotes {
        assert!(q.start <= q.end && q.end <= t.len() && t.is_char_boundary(q.start) && t.is_char_boundary(q.end));
        assert!(q.outer_start <= q.start && q.end <= q.outer_end && q.outer_end <= t.len());
        assert!(t.is_char_boundary(q.outer_start) && t.is_char_boundary(q.outer_end));
    }
    for m in &doc.mentions {
        assert!(m.start <= m.end && m.end <= t.len() && t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
    }
    for d in &doc.dates {
        assert!(d.start <= d.end && d.end <= t.len() && t.is_char_boundary(d.start) && t.is_char_boundary(d.end));
    }
}
