//! The frame around every page: header with the trust's name, navigation and sign-out.

use super::Session;
use crate::model::SessionInfo;
use crate::ui::pages::sign_in::SignOut;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use server_fn::ServerFn;

/// The header: brand, the trust's name, the signed-in person and what they may use.
#[component]
pub fn Header() -> impl IntoView {
    let Session(session) = expect_context::<Session>();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <Suspense fallback=|| {
                    view! { <span class="brand">"Waymark"</span> }
                }>
                    {move || Suspend::new(async move {
                        match session.await {
                            Ok(info) => view! { <HeaderContent info /> }.into_any(),
                            Err(_) => view! { <span class="brand">"Waymark"</span> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

#[component]
fn HeaderContent(info: SessionInfo) -> impl IntoView {
    let location = use_location();
    let brand = view! {
        <a class="brand" href="/">
            <span class="brand__mark" aria-hidden="true">
                "◆"
            </span>
            <span class="brand__name">"Waymark"</span>
            {(info.trust_name != "Waymark")
                .then(|| view! { <span class="brand__trust">{info.trust_name.clone()}</span> })}
        </a>
    };
    let Some(user) = info.user else {
        return brand.into_any();
    };
    let items = user.navigation();
    view! {
        {brand}
        <div class="site-header__account">
            <a class="site-header__notifications" href="/notifications">
                "Notifications"
                {(info.unread > 0)
                    .then(|| {
                        view! {
                            " "
                            <span class="badge">
                                {info.unread.to_string()}
                                <span class="visually-hidden">" unread"</span>
                            </span>
                        }
                    })}
            </a>
            <span class="site-header__who">
                <span class="visually-hidden">"Signed in as "</span>
                {user.name.clone()}
            </span>
            <form method="post" action=SignOut::PATH class="inline-form">
                <button type="submit" class="button button--quiet">
                    "Sign out"
                </button>
            </form>
        </div>
        <nav class="site-nav" aria-label="Main">
            <ul>
                {items
                    .into_iter()
                    .map(|item| {
                        let href = item.href();
                        let current = move || {
                            let path = location.pathname.get();
                            let here = if href == "/" {
                                path == "/"
                            } else {
                                path.starts_with(href)
                            };
                            here.then_some("page")
                        };
                        view! {
                            <li>
                                <a href=href aria-current=current>
                                    {item.label()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
    .into_any()
}

/// The footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Waymark — recognising leadership beyond your own school."</p>
        </footer>
    }
}
