//! Narrowing the portfolio (strand, academic year) and the coverage matrix of elements by level.

use super::Links;
use crate::model::CoverageRow;
use crate::ui::pages::portfolio::markup::coverage_rows;
use leptos::prelude::*;

/// Narrowing the page to a strand and an academic year (a plain GET form).
#[component]
pub(super) fn Filters(
    links: Links,
    strands: Vec<String>,
    academic_years: Vec<(i32, String, u32)>,
) -> impl IntoView {
    let (strand, year) = (links.strand, links.year);
    view! {
        <form
            method="get"
            action=links.base.clone()
            class="filters no-print"
            role="search"
            aria-label="Narrow the portfolio"
        >
            <div class="field field--inline">
                <label class="field__label" for="strand">
                    "Strand"
                </label>
                <select class="select" id="strand" name="strand">
                    <option value="" selected=strand.is_none()>
                        "All strands"
                    </option>
                    {(1usize..)
                        .zip(strands)
                        .map(|(i, s)| {
                            view! {
                                <option value=i.to_string() selected=strand == Some(i)>
                                    {s}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field field--inline">
                <label class="field__label" for="year">
                    "Academic year"
                </label>
                <select class="select" id="year" name="year">
                    <option value="" selected=year.is_none()>
                        "All years"
                    </option>
                    {academic_years
                        .into_iter()
                        .map(|(y, label, _)| {
                            view! {
                                <option value=y.to_string() selected=year == Some(y)>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">
                "Show"
            </button>
            {(strand.is_some() || year.is_some())
                .then(|| view! { <a href=links.base.clone()>"Clear"</a> })}
        </form>
    }
}

/// The coverage matrix: elements × levels, each cell counting verified activities.
#[component]
pub(super) fn Coverage(
    rows: Vec<CoverageRow>,
    levels: Vec<String>,
    shared: bool,
    links: Links,
) -> impl IntoView {
    let matrix = if rows.is_empty() {
        view! { <p>"No framework has been published yet."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="table coverage">
                    <caption class="visually-hidden">
                        "Verified activities by element and level"
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Element"</th>
                            {levels
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <th scope="col" class="coverage__level">
                                            {l}
                                        </th>
                                    }
                                })
                                .collect_view()}
                            <th scope="col">"Current level"</th>
                        </tr>
                    </thead>
                    <tbody inner_html=coverage_rows(&rows, &links.cell_prefix())></tbody>
                </table>
            </div>
            <p class="coverage__key" aria-hidden="true">
                <span class="coverage__swatch coverage__cell--1"></span>
                " 1 "
                <span class="coverage__swatch coverage__cell--2"></span>
                " 2–3 "
                <span class="coverage__swatch coverage__cell--3"></span>
                " 4 or more verified activities"
            </p>
        }
        .into_any()
    };
    view! {
        <section class="portfolio__section" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Coverage of the framework"</h2>
            <p>
                "Each cell counts the verified activities showing that element at that level"
                {(!shared).then_some("; activities waiting for verification are counted apart")}
                ". The current level is the highest level verified."
            </p>
            {matrix}
        </section>
    }
}
