//! The portfolio's long parts with nothing reactive inside, as markup: the matrix's rows, the
//! lists of entries and the chart.
//!
//! They (some 450 elements for a busy teacher) are written by maud and go in through
//! `inner_html`, which hydration leaves as the server sent it and client-side navigation
//! replaces whole. Built as Leptos views, element by element, they cost about an eighth of the
//! portfolio's serving time (0.93 against 0.82 ms a visit, 13 %: see the README's benchmark),
//! which is why maud keeps its place. maud escapes every value it splices in, as Leptos does,
//! and the tests below check that it does.

use crate::model::{CoverageRow, TimelineEntry};
use leptos::prelude::*;
use maud::html;

/// Entries as a list: links into the app, unless opened through a share link.
#[component]
pub(super) fn EntryList(entries: Vec<TimelineEntry>, shared: bool) -> impl IntoView {
    view! { <ul class="entry-list" inner_html=entry_items(&entries, shared)></ul> }
}

/// Verified entries per term as bars, with the same numbers as a table for screen readers.
#[component]
pub(super) fn TermChart(chart: Vec<(String, u32)>) -> impl IntoView {
    let total: u32 = chart.iter().map(|(_, n)| *n).sum();
    let busiest = chart
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!(" The busiest term was {label}, with {n}."))
        .unwrap_or_default();
    let description = format!(
        "{total} verified {} across {} terms.{busiest}",
        if total == 1 { "activity" } else { "activities" },
        chart.len()
    );
    let (width, height) = chart_size(chart.len());
    view! {
        <figure class="chart">
            <svg
                class="chart__svg"
                role="img"
                aria-labelledby="chart-title chart-desc"
                viewBox=format!("0 0 {width} {height}")
                width=width.to_string()
                height=height.to_string()
                inner_html=chart_drawing(&chart, &description)
            ></svg>
            <figcaption class="chart__caption">{description}</figcaption>
        </figure>
        <table class="visually-hidden">
            <caption>"Verified activities per term"</caption>
            <thead>
                <tr>
                    <th scope="col">"Term"</th>
                    <th scope="col">"Verified activities"</th>
                </tr>
            </thead>
            <tbody inner_html=chart_rows(&chart)></tbody>
        </table>
    }
}

/// The shade of a matrix cell with `verified` activities behind it (the key's four steps).
fn shade(verified: u32) -> &'static str {
    match verified {
        0 => "coverage__cell coverage__cell--0",
        1 => "coverage__cell coverage__cell--1",
        2 | 3 => "coverage__cell coverage__cell--2",
        _ => "coverage__cell coverage__cell--3",
    }
}

/// The matrix's rows: a cell links to the evidence behind it when there is any (`link`, the
/// address up to its query's last `?` or `&`, followed by the element and level), and counts
/// what waits for verification apart.
pub(super) fn coverage_rows(rows: &[CoverageRow], link: &str) -> String {
    html! {
        @for row in rows {
            @let code = crate::url::encode_query_value(&row.code);
            tr {
                th scope="row" {
                    span class="code" { (row.code) } " " (row.title)
                    span class="table__secondary" { (row.strand) }
                }
                @for (level, cell) in (1..).zip(&row.cells) {
                    td class=(shade(cell.verified)) {
                        @if cell.verified > 0 {
                            a href={ (link) "element=" (code) "&level=" (level) "#cell-heading" } {
                                (cell.verified) span class="visually-hidden" { " verified" }
                            }
                        } @else {
                            span class="coverage__none" aria-hidden="true" { "–" }
                            span class="visually-hidden" { "none" }
                        }
                        @if cell.pending > 0 {
                            span class="coverage__pending" { "+" (cell.pending) " waiting" }
                        }
                    }
                }
                td { (row.current.as_deref().unwrap_or("Not yet")) }
            }
        }
    }
    .into_string()
}

/// A list's entries: each links to the entry, or only names it through a share link.
fn entry_items(entries: &[TimelineEntry], shared: bool) -> String {
    html! {
        @for entry in entries {
            li class="entry-list__item" {
                @if shared {
                    strong { (entry.title) }
                } @else {
                    a href={ "/evidence/" (entry.id) } { (entry.title) }
                }
                span class="entry-list__meta" { (entry.date) " · " (entry.activity) }
                @if let Some((first, rest)) = entry.shows.split_first() {
                    span class="entry-list__shows" {
                        "Shows " (first)
                        @for shown in rest { ", " (shown) }
                    }
                }
            }
        }
    }
    .into_string()
}

/// A bar's width in the chart.
const BAR: u32 = 36;
/// The gap beside each bar.
const GAP: u32 = 14;
/// The height of the tallest bar.
const PLOT: u32 = 160;
/// Room above the bars for the tallest one's count.
const ABOVE: u32 = 18;
/// Room below the axis for the terms' names.
const BELOW: u32 = 40;

/// The width and height of a chart of `terms` bars.
fn chart_size(terms: usize) -> (u32, u32) {
    let terms = u32::try_from(terms).unwrap_or(u32::MAX);
    (
        terms.saturating_mul(BAR + GAP).saturating_add(GAP),
        PLOT + ABOVE + BELOW,
    )
}

/// The inside of the chart's `<svg>`: its title and description, the axis, and a bar per term
/// labelled with its count and a short name ("Autumn 2025" is "Aut ’25").
fn chart_drawing(chart: &[(String, u32)], description: &str) -> String {
    let most = chart.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let (width, _) = chart_size(chart.len());
    let axis = ABOVE + PLOT;
    html! {
        title id="chart-title" { "Verified activities per term" }
        desc id="chart-desc" { (description) }
        line x1="0" x2=(width) y1=(axis) y2=(axis) class="chart__axis" {}
        @for (i, (label, n)) in (0u32..).zip(chart) {
            @let x = GAP + i * (BAR + GAP);
            @let h = n * PLOT / most;
            g {
                rect x=(x) y=(axis - h) width=(BAR) height=(h) class="chart__bar" {}
                text x=(x + BAR / 2) y=(axis - h - 4) class="chart__value" text-anchor="middle" { (n) }
                text x=(x + BAR / 2) y=(axis + 16) class="chart__label" text-anchor="middle" { (short_term(label)) }
            }
        }
    }
    .into_string()
}

/// "Autumn 2025" as "Aut ’25": words to three letters, years to two digits.
fn short_term(label: &str) -> String {
    label
        .split_whitespace()
        .map(|w| {
            if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
                format!("’{}", &w[2..])
            } else {
                w.chars().take(3).collect()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chart's numbers as table rows, for screen readers.
fn chart_rows(chart: &[(String, u32)]) -> String {
    html! {
        @for (label, n) in chart {
            tr { th scope="row" { (label) } td { (n) } }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CoverageCell;

    fn row(code: &str, cells: &[(u32, u32)]) -> CoverageRow {
        CoverageRow {
            code: code.to_owned(),
            title: "Moral <purpose> & \"courage\"".to_owned(),
            strand: "Attitudes".to_owned(),
            current: None,
            cells: cells
                .iter()
                .map(|&(verified, pending)| CoverageCell { verified, pending })
                .collect(),
        }
    }

    fn entry(id: i64, shows: &[&str]) -> TimelineEntry {
        TimelineEntry {
            id: crate::domain::EntryId(id),
            title: "Led <b>staff</b> meeting & more".to_owned(),
            date: "25 August 2026".to_owned(),
            activity: "Coaching".to_owned(),
            shows: shows.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn a_matrix_cell_links_to_its_evidence_only_when_some_is_verified() {
        let html = coverage_rows(&[row("A1", &[(0, 2), (3, 0)])], "/portfolio?timeline=2026&");
        assert!(html.contains(
            r#"<td class="coverage__cell coverage__cell--0"><span class="coverage__none" aria-hidden="true">–</span><span class="visually-hidden">none</span><span class="coverage__pending">+2 waiting</span></td>"#
        ));
        assert!(html.contains(
            r#"<td class="coverage__cell coverage__cell--2"><a href="/portfolio?timeline=2026&amp;element=A1&amp;level=2#cell-heading">3<span class="visually-hidden"> verified</span></a></td>"#
        ));
        assert_eq!(html.matches("<a ").count(), 1);
        assert!(html.ends_with("<td>Not yet</td></tr>"));
    }

    #[test]
    fn matrix_cells_are_shaded_in_the_keys_four_steps() {
        let shades: Vec<&str> = [0, 1, 2, 3, 4, 40].into_iter().map(shade).collect();
        assert_eq!(
            shades,
            [
                "coverage__cell coverage__cell--0",
                "coverage__cell coverage__cell--1",
                "coverage__cell coverage__cell--2",
                "coverage__cell coverage__cell--2",
                "coverage__cell coverage__cell--3",
                "coverage__cell coverage__cell--3",
            ]
        );
    }

    #[test]
    fn what_people_typed_is_escaped_wherever_it_is_written() {
        let matrix = coverage_rows(&[row("A\"1 &", &[(1, 0)])], "/x?");
        assert!(matrix.contains("Moral &lt;purpose&gt; &amp; &quot;courage&quot;"));
        assert!(matrix.contains(r#"href="/x?element=A%221%20%26&amp;level=1#cell-heading""#));
        assert!(matrix.contains(r#"<span class="code">A&quot;1 &amp;</span>"#));
        let list = entry_items(&[entry(7, &["A1 at <Trust>"])], false);
        assert!(list.contains("Led &lt;b&gt;staff&lt;/b&gt; meeting &amp; more"));
        assert!(list.contains("Shows A1 at &lt;Trust&gt;"));
        assert!(!list.contains("<b>"));
        let chart = chart_drawing(&[("Autumn <2025>".to_owned(), 1)], "a <desc>");
        assert!(chart.contains("<desc id=\"chart-desc\">a &lt;desc&gt;</desc>"));
        assert!(chart_rows(&[("Autumn <2025>".to_owned(), 1)]).contains("Autumn &lt;2025&gt;"));
    }

    #[test]
    fn entries_link_into_the_app_but_a_shared_list_only_names_them() {
        let own = entry_items(&[entry(7, &["A1 at Team", "B2 at Trust"])], false);
        assert_eq!(
            own,
            concat!(
                r#"<li class="entry-list__item"><a href="/evidence/7">Led &lt;b&gt;staff&lt;/b&gt; meeting &amp; more</a>"#,
                r#"<span class="entry-list__meta">25 August 2026 · Coaching</span>"#,
                r#"<span class="entry-list__shows">Shows A1 at Team, B2 at Trust</span></li>"#
            )
        );
        let shared = entry_items(&[entry(7, &[])], true);
        assert!(shared.starts_with(r#"<li class="entry-list__item"><strong>Led"#));
        assert!(!shared.contains("href"));
        assert!(!shared.contains("Shows"));
        assert_eq!(entry_items(&[], false), "");
    }

    #[test]
    fn the_chart_draws_a_bar_per_term_as_tall_as_its_share_of_the_busiest() {
        let chart = [
            ("Autumn 2025".to_owned(), 4),
            ("Spring 2026".to_owned(), 2),
            ("Summer 2026".to_owned(), 0),
        ];
        let drawing = chart_drawing(&chart, "6 verified activities across 3 terms.");
        assert_eq!(chart_size(3), (164, 218));
        assert!(
            drawing
                .contains(r#"<line x1="0" x2="164" y1="178" y2="178" class="chart__axis"></line>"#)
        );
        assert!(
            drawing.contains(
                r#"<rect x="14" y="18" width="36" height="160" class="chart__bar"></rect>"#
            )
        );
        assert!(
            drawing.contains(
                r#"<rect x="64" y="98" width="36" height="80" class="chart__bar"></rect>"#
            )
        );
        assert!(
            drawing.contains(
                r#"<rect x="114" y="178" width="36" height="0" class="chart__bar"></rect>"#
            )
        );
        assert!(drawing.contains(r#"text-anchor="middle">Spr ’26</text>"#));
        assert_eq!(drawing.matches("<g>").count(), 3);
        assert_eq!(
            chart_rows(&chart[..1]),
            r#"<tr><th scope="row">Autumn 2025</th><td>4</td></tr>"#
        );
    }

    #[test]
    fn a_chart_of_no_activity_has_flat_bars_rather_than_dividing_by_nothing() {
        let drawing = chart_drawing(&[("Autumn 2025".to_owned(), 0)], "");
        assert!(drawing.contains(r#"height="0""#));
    }

    #[test]
    fn terms_are_shortened_to_three_letters_and_a_two_digit_year() {
        assert_eq!(short_term("Autumn 2025"), "Aut ’25");
        assert_eq!(short_term("Summer term 2026"), "Sum ter ’26");
        assert_eq!(short_term("Spring"), "Spr");
    }
}
