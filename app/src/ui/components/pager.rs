//! "Previous", "Page n of m", "Next": the links between pages of a long list.

use leptos::prelude::*;

/// Links to the pages either side of `page` (1-based) of `count`, each address made by `href`.
/// Nothing when there is one page.
#[component]
pub fn Pager(page: u64, count: u64, href: impl Fn(u64) -> String) -> impl IntoView {
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < count).then(|| href(page + 1));
    (count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Pages of results">
                {previous
                    .map(|href| {
                        view! {
                            <a href=href rel="prev">
                                "Previous"
                                <span class="visually-hidden">" page"</span>
                            </a>
                        }
                    })}
                <span>{format!("Page {page} of {count}")}</span>
                {next
                    .map(|href| {
                        view! {
                            <a href=href rel="next">
                                "Next"
                                <span class="visually-hidden">" page"</span>
                            </a>
                        }
                    })}
            </nav>
        }
    })
}
