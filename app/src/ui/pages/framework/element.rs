//! One element of the framework: its ladder of levels, in the wording for a role category.

use crate::domain::RoleCategory;
use crate::error::AppError;
use crate::model::ElementView;
use crate::ui::components::Loaded;
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// One element; `variant` is a role category code, `all` for the descriptors for everyone,
/// or empty for the viewer's own role category.
#[server(prefix = "/api", endpoint = "element")]
pub async fn get_element(code: String, variant: String) -> Result<ElementView, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let variant = match variant.as_str() {
        "" => None,
        "all" => Some(None),
        code => Some(Some(
            RoleCategory::from_code(code).ok_or(AppError::NotFound)?,
        )),
    };
    crate::db::framework::element_view(
        &db,
        &crate::request::kept()?,
        &user,
        &code,
        variant,
        chrono::Utc::now(),
    )
    .await
}

#[component]
pub fn ElementPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        (
            params.with(|p| p.get("code").unwrap_or_default()),
            query.with(|q| q.get("for").unwrap_or_default()),
        )
    });
    let element = Resource::new_blocking(
        move || key.get(),
        |(code, variant)| get_element(code, variant),
    );
    view! {
        {with_user(move |user| {
            let own = user.role_category;
            view! {
                <Loaded
                    resource=element
                    transition=true
                    view=move |element| view! { <Element element own /> }
                />
            }
        })}
    }
}

#[component]
fn Element(element: ElementView, own: RoleCategory) -> impl IntoView {
    let code = element.code.clone();
    let showing = element.showing;
    // Offer "for everyone", the viewer's own category, and every category with a variant.
    let mut choices: Vec<Option<RoleCategory>> = vec![None, Some(own)];
    for c in &element.variants {
        if *c != own {
            choices.push(Some(*c));
        }
    }
    let choice_links = choices
        .into_iter()
        .map(|choice| {
            let label = match choice {
                None => "Everyone".to_owned(),
                Some(c) if c == own => format!("{} (you)", c.label()),
                Some(c) => c.label().to_owned(),
            };
            let href = format!(
                "/framework/{}?for={}",
                code,
                choice.map(|c| c.code()).unwrap_or("all")
            );
            let current = (choice == showing).then_some("page");
            view! {
                <li>
                    <a href=href aria-current=current>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} {}", element.code, element.title) />
        <p class="breadcrumbs">
            <a href="/framework">"Leadership framework"</a>
            " › "
            {element.strand.clone()}
        </p>
        <h1>
            <span class="code">{element.code.clone()}</span>
            " "
            {element.title.clone()}
        </h1>
        <p class="lead">{element.summary.clone()}</p>
        <div class="prose" inner_html=element.description_html.clone()></div>

        <h2 id="ladder-heading">"What it looks like at each level"</h2>
        <nav class="variant-switch" aria-label="Descriptors for">
            <span class="variant-switch__label">"Descriptors for:"</span>
            <ul>{choice_links}</ul>
        </nav>
        <ol class="ladder" aria-labelledby="ladder-heading">
            {element
                .rungs
                .into_iter()
                .map(|rung| {
                    view! {
                        <li class="ladder__rung">
                            <div class="ladder__level">
                                <span class="ladder__rank">{format!("Level {}", rung.rank)}</span>
                                <h3 class="ladder__name">{rung.level.clone()}</h3>
                                <p class="ladder__reach">{rung.level_description.clone()}</p>
                            </div>
                            <div class="ladder__descriptor">
                                {rung
                                    .tailored_for
                                    .map(|c| {
                                        view! { <p class="tag">{format!("For {}", c.label())}</p> }
                                    })}
                                {match rung.descriptor_html {
                                    Some(html) => {
                                        view! { <div class="prose" inner_html=html></div> }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <p class="muted">
                                                "No descriptor has been written for this level yet."
                                            </p>
                                        }
                                            .into_any()
                                    }
                                }}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
