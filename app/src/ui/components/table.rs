//! The table scaffold every list uses: scrolls sideways on a narrow screen, a caption for
//! screen readers, column headings.

use leptos::prelude::*;

/// A table with a visually hidden `caption` and a heading for each of `columns` (an empty
/// heading is named "Actions" for screen readers); `children` are its body's rows. Columns
/// listed in `numeric` are aligned right.
#[component]
pub fn Table(
    #[prop(into)] caption: String,
    columns: Vec<&'static str>,
    #[prop(optional)] numeric: &'static [&'static str],
    children: Children,
) -> impl IntoView {
    let headings = columns
        .into_iter()
        .map(|column| {
            let class = numeric.contains(&column).then_some("numeric");
            if column.is_empty() {
                view! {
                    <th scope="col">
                        <span class="visually-hidden">"Actions"</span>
                    </th>
                }
                .into_any()
            } else {
                view! {
                    <th scope="col" class=class>
                        {column}
                    </th>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
