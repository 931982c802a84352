//! The timeline: an SVG drawn at build time (publications and dates mentioned per day, week,
//! month or year, events marked and labelled; readable without JavaScript, with a title, a
//! description and text labels), and the list by month — in full for small dossiers, as
//! monthly counts with the events for large ones.

use chrono::{Datelike, Duration, NaiveDate};

use super::*;

/// With more entries than this, the list shows per month the events and counts only.
const FULL_LIST_UP_TO: usize = 1500;
/// Events labelled on the chart (the most covered ones, where they fit).
const LABELLED_EVENTS: usize = 10;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 40.0;

/// How dates are bucketed on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// The unit that keeps a span of dates to at most a few hundred bars.
    pub fn for_span(days: i64) -> Unit {
        match days {
            ..=62 => Unit::Day,
            63..=730 => Unit::Week,
            731..=9131 => Unit::Month,
            _ => Unit::Year,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
    /// The first day of the bucket holding `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Unit::Day => d,
            Unit::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Unit::Month => d.with_day(1).expect("day 1 exists"),
            Unit::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("1 January exists"),
        }
    }
    /// The first day of the next bucket.
    fn next(self, d: NaiveDate) -> NaiveDate {
        match self {
            Unit::Day => d + Duration::days(1),
            Unit::Week => d + Duration::days(7),
            Unit::Month => d
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(d + Duration::days(31)),
            Unit::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d),
        }
    }
    fn label(self, d: NaiveDate) -> String {
        match self {
            Unit::Day => d.format("%-d %b %Y").to_string(),
            Unit::Week => format!("week of {}", d.format("%-d %b %Y")),
            Unit::Month => d.format("%B %Y").to_string(),
            Unit::Year => d.format("%Y").to_string(),
        }
    }
}

/// Counts per bucket.
#[derive(Debug, Clone, Default)]
pub struct Bucket {
    pub start: NaiveDate,
    pub publications: usize,
    pub mentions: usize,
}

/// An event to mark on the chart (its link is in the list below the chart: an image holds no
/// links).
pub struct Marker {
    pub date: NaiveDate,
    pub title: String,
    pub sources: usize,
}

/// The chart as SVG markup. `buckets` are contiguous, in order.
pub fn svg(unit: Unit, buckets: &[Bucket], markers: &[Marker], summary: &str) -> String {
    let mut out = String::new();
    let n = buckets.len().max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bar_w = plot_w / n as f64;
    let max = buckets
        .iter()
        .map(|b| b.publications + b.mentions)
        .max()
        .unwrap_or(0)
        .max(1);
    let y = |v: usize| TOP + plot_h - plot_h * v as f64 / max as f64;
    let first = buckets.first().map(|b| b.start);
    let end = buckets.last().map(|b| unit.next(b.start));
    // x of a date, proportional within its bucket.
    let x_of = |d: NaiveDate| -> f64 {
        let i = buckets.partition_point(|b| b.start <= d).saturating_sub(1);
        let (s, e) = (buckets[i].start, unit.next(buckets[i].start));
        let frac = (d - s).num_days() as f64 / (e - s).num_days().max(1) as f64;
        LEFT + (i as f64 + frac.clamp(0.0, 1.0)) * bar_w
    };
    out.push_str(&format!(
        "<svg class=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"tl-title tl-desc\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <title id=\"tl-title\">Timeline: publications and dates mentioned per {}</title>\n\
         <desc id=\"tl-desc\">{}</desc>\n",
        unit.name(),
        escape_html(summary)
    ));
    // Axis and scale.
    out.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"currentColor\" stroke-width=\"1\"/>\n",
        TOP + plot_h,
        WIDTH - RIGHT,
        TOP + plot_h
    ));
    out.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"currentColor\">{max}</text>\n\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"currentColor\">0</text>\n",
        LEFT - 6.0,
        TOP + 4.0,
        LEFT - 6.0,
        TOP + plot_h
    ));
    // Bars: publications, with dates mentioned stacked above them.
    for (i, b) in buckets.iter().enumerate() {
        if b.publications + b.mentions == 0 {
            continue;
        }
        let x = LEFT + i as f64 * bar_w;
        let w = (bar_w - if bar_w > 3.0 { 1.0 } else { 0.0 }).max(0.5);
        let label = format!(
            "{}: {} publication{}, {} date{} mentioned",
            unit.label(b.start),
            b.publications,
            if b.publications == 1 { "" } else { "s" },
            b.mentions,
            if b.mentions == 1 { "" } else { "s" }
        );
        out.push_str(&format!("<g><title>{}</title>", escape_html(&label)));
        if b.publications > 0 {
            out.push_str(&format!(
                "<rect class=\"tl-bar-publications\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{w:.2}\" height=\"{:.2}\" fill=\"#3d6aa2\"/>",
                y(b.publications),
                TOP + plot_h - y(b.publications)
            ));
        }
        if b.mentions > 0 {
            out.push_str(&format!(
                "<rect class=\"tl-bar-mentions\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{w:.2}\" height=\"{:.2}\" fill=\"#a9bfdc\"/>",
                y(b.publications + b.mentions),
                y(b.publications) - y(b.publications + b.mentions)
            ));
        }
        out.push_str("</g>\n");
    }
    // Axis labels: at most about one per 80 px.
    if let (Some(first), Some(end)) = (first, end) {
        let ticks = axis_ticks(first, end, (plot_w / 80.0).max(2.0) as usize);
        for t in ticks {
            let x = x_of(t.0);
            out.push_str(&format!(
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"currentColor\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"currentColor\">{}</text>\n",
                TOP + plot_h,
                TOP + plot_h + 4.0,
                TOP + plot_h + 16.0,
                escape_html(&t.1)
            ));
        }
    }
    // Events: a mark each; labels for the most covered where they fit, in two rows.
    let mut by_size: Vec<usize> = (0..markers.len()).collect();
    by_size.sort_by(|&a, &b| markers[b].sources.cmp(&markers[a].sources).then(a.cmp(&b)));
    let mut labelled: Vec<(f64, usize)> = Vec::new();
    let mut label_row: Vec<Option<usize>> = vec![None; markers.len()];
    for &m in by_size.iter() {
        if labelled.len() >= LABELLED_EVENTS {
            break;
        }
        let x = x_of(markers[m].date);
        for row in 0..2 {
            if labelled
                .iter()
                .all(|&(lx, r)| r != row || (lx - x).abs() > 190.0)
            {
                labelled.push((x, row));
                label_row[m] = Some(row);
                break;
            }
        }
    }
    for (i, m) in markers.iter().enumerate() {
        let x = x_of(m.date);
        out.push_str(&format!(
            "<g class=\"tl-event\"><title>{} ({}, {} source{})</title>\
             <line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#b5462f\" stroke-width=\"1.5\"/>\
             <circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#b5462f\"/>",
            escape_html(&m.title),
            m.date.format("%Y-%m-%d"),
            m.sources,
            if m.sources == 1 { "" } else { "s" },
            TOP - 6.0,
            TOP + plot_h,
            TOP - 6.0,
        ));
        if let Some(row) = label_row[i] {
            let anchor = if x > WIDTH - 180.0 {
                "end"
            } else if x < 180.0 {
                "start"
            } else {
                "middle"
            };
            out.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"currentColor\">{}</text>",
                14.0 + row as f64 * 18.0,
                escape_html(&crate::text::truncate_words(&m.title, 5))
            ));
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>");
    out
}

/// Tick dates and labels between `first` and `end`: about `max` of them at round dates.
fn axis_ticks(first: NaiveDate, end: NaiveDate, max: usize) -> Vec<(NaiveDate, String)> {
    let days = (end - first).num_days().max(1);
    let mut out = Vec::new();
    if days > 3 * 366 {
        let years = (days / 365 + 1) as usize;
        let step = years.div_ceil(max).max(1) as i32;
        let mut y = first.year() + 1;
        while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
            if d >= end {
                break;
            }
            out.push((d, y.to_string()));
            y += step;
        }
    } else if days > 62 {
        let months = (days / 30 + 1) as usize;
        let step = months.div_ceil(max).max(1) as u32;
        let mut d = Unit::Month.next(Unit::Month.start(first));
        while d < end {
            out.push((d, d.format("%b %Y").to_string()));
            d = d
                .checked_add_months(chrono::Months::new(step))
                .unwrap_or(end);
        }
    } else {
        let step = (days as usize).div_ceil(max).max(1) as i64;
        let mut d = first;
        while d < end {
            out.push((d, d.format("%-d %b").to_string()));
            d += Duration::days(step);
        }
    }
    out
}

impl Ctx<'_> {
    pub fn timeline(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Timeline", &d.site.language);
        let t = &d.timeline;
        // The chart spans the publications and events; dates mentioned outside it are listed only.
        let anchors: Vec<NaiveDate> = t
            .entries
            .iter()
            .filter(|e| e.kind != TimelineKind::Mention)
            .map(|e| e.date)
            .collect();
        let (lo, hi) = match (anchors.iter().min(), anchors.iter().max()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => match (t.first, t.last) {
                (Some(a), Some(b)) => (a, b),
                _ => {
                    ctx.insert("chart", "");
                    ctx.insert("months", &Vec::<()>::new());
                    ctx.insert("full", &true);
                    ctx.insert("entry_count", &0);
                    return ctx;
                }
            },
        };
        let unit = Unit::for_span((hi - lo).num_days());
        let mut buckets: Vec<Bucket> = Vec::new();
        let mut s = unit.start(lo);
        while s <= hi {
            buckets.push(Bucket {
                start: s,
                ..Bucket::default()
            });
            s = unit.next(s);
        }
        let mut markers: Vec<Marker> = Vec::new();
        let mut outside = 0usize;
        for e in &t.entries {
            if e.date < lo || e.date > hi {
                outside += 1;
                continue;
            }
            let i = buckets
                .partition_point(|b| b.start <= e.date)
                .saturating_sub(1);
            match e.kind {
                TimelineKind::Publication => buckets[i].publications += 1,
                TimelineKind::Mention => buckets[i].mentions += 1,
                TimelineKind::Event => {
                    if let Some(ev) = e.event {
                        let l = self.event_link(ev);
                        markers.push(Marker {
                            date: e.date,
                            title: l.title,
                            sources: l.sources,
                        });
                    }
                }
            }
        }
        let publications: usize = buckets.iter().map(|b| b.publications).sum();
        let busiest = buckets
            .iter()
            .max_by_key(|b| (b.publications, std::cmp::Reverse(b.start)));
        let summary = format!(
            "{} publication{} from {} to {}, counted per {}{}; {} event{} marked{}.",
            publications,
            if publications == 1 { "" } else { "s" },
            lo.format("%-d %B %Y"),
            hi.format("%-d %B %Y"),
            unit.name(),
            busiest
                .filter(|b| b.publications > 0)
                .map(|b| format!(
                    "; the busiest {} is {} with {}",
                    unit.name(),
                    unit.label(b.start),
                    b.publications
                ))
                .unwrap_or_default(),
            markers.len(),
            if markers.len() == 1 { "" } else { "s" },
            if outside > 0 {
                format!("; {outside} dates mentioned fall outside this range and are listed below")
            } else {
                String::new()
            }
        );
        ctx.insert("chart", &svg(unit, &buckets, &markers, &summary));
        ctx.insert("summary", &summary);

        // The list, by month.
        #[derive(Serialize)]
        struct Entry {
            date: String,
            kind: &'static str,
            /// Words in the site's language before the label ("DW publishes").
            prefix: String,
            /// In the source's language (`lang`).
            label: String,
            href: String,
            lang: String,
        }
        #[derive(Serialize)]
        struct Month {
            id: String,
            title: String,
            events: Vec<Entry>,
            entries: Vec<Entry>,
            publications: usize,
            mentions: usize,
        }
        let full = t.entries.len() <= FULL_LIST_UP_TO;
        let mut months: Vec<Month> = Vec::new();
        for e in &t.entries {
            let m = Unit::Month.start(e.date);
            if months
                .last()
                .is_none_or(|x| x.id != m.format("%Y-%m").to_string())
            {
                months.push(Month {
                    id: m.format("%Y-%m").to_string(),
                    title: m.format("%B %Y").to_string(),
                    events: Vec::new(),
                    entries: Vec::new(),
                    publications: 0,
                    mentions: 0,
                });
            }
            let month = months.last_mut().expect("pushed above");
            match e.kind {
                TimelineKind::Publication => month.publications += 1,
                TimelineKind::Mention => month.mentions += 1,
                TimelineKind::Event => {}
            }
            if e.kind != TimelineKind::Event && !full {
                continue;
            }
            let entry = match e.kind {
                TimelineKind::Event => e.event.map(|ev| {
                    let l = self.event_link(ev);
                    Entry {
                        date: date(e.date),
                        kind: "event",
                        prefix: String::new(),
                        label: format!(
                            "{} ({} source{})",
                            l.title,
                            l.sources,
                            if l.sources == 1 { "" } else { "s" }
                        ),
                        href: l.href,
                        lang: String::new(),
                    }
                }),
                TimelineKind::Publication => e.doc.map(|doc| {
                    let s = self.source_link_view(doc);
                    Entry {
                        date: date(e.date),
                        kind: "publication",
                        prefix: format!(
                            "{} publishes",
                            if s.outlet.is_empty() {
                                "A source"
                            } else {
                                s.outlet
                            }
                        ),
                        label: s.title.to_string(),
                        href: s.href,
                        lang: s.language.to_string(),
                    }
                }),
                TimelineKind::Mention => e.doc.zip(e.span).map(|(doc_i, (s, x))| {
                    let doc = &d.documents[doc_i];
                    let (a, b) = crate::link::sentence_around(&doc.text, s, x);
                    Entry {
                        date: date(e.date),
                        kind: "mention",
                        prefix: String::new(),
                        label: doc.text[a..b].replace('\n', " "),
                        href: super::entities::place_href(
                            &self.href(&source_path(&doc.id)),
                            doc,
                            s,
                        ),
                        lang: field_str(&doc.metadata.language),
                    }
                }),
            };
            if let Some(entry) = entry {
                if entry.kind == "event" {
                    month.events.push(entry);
                } else {
                    month.entries.push(entry);
                }
            }
        }
        ctx.insert("months", &months);
        ctx.insert("full", &full);
        ctx.insert("entry_count", &t.entries.len());
        ctx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_unit_keeps_bars_few() {
        assert_eq!(Unit::for_span(10), Unit::Day);
        assert_eq!(Unit::for_span(300), Unit::Week);
        assert_eq!(Unit::for_span(3650), Unit::Month);
        assert_eq!(Unit::for_span(40_000), Unit::Year);
        assert_eq!(Unit::Week.start(d("2019-12-29")), d("2019-12-23"));
        assert_eq!(Unit::Month.start(d("2019-12-29")), d("2019-12-01"));
    }

    #[test]
    fn the_chart_is_labelled_and_accessible() {
        let buckets = vec![
            Bucket {
                start: d("2019-12-29"),
                publications: 2,
                mentions: 1,
            },
            Bucket {
                start: d("2019-12-30"),
                publications: 0,
                mentions: 0,
            },
        ];
        let markers = vec![Marker {
            date: d("2019-12-29"),
            title: "New <Year> plot".into(),
            sources: 3,
        }];
        let s = svg(Unit::Day, &buckets, &markers, "2 publications");
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert!(s.contains("role=\"img\"") && s.contains("<title id=\"tl-title\">"));
        assert!(s.contains("<desc id=\"tl-desc\">2 publications</desc>"));
        assert!(
            s.contains("New &lt;Year&gt; plot"),
            "labels are escaped text"
        );
        assert!(s.contains("29 Dec 2019: 2 publications, 1 date mentioned"));
        assert_eq!(s.matches("<rect").count(), 2, "empty buckets draw nothing");
    }
}
