//! The celebration wall: colleagues' awards and milestones, for everyone in the trust, showing
//! only the people who chose to appear; and the reader's own choice.

mod award;
mod bulletin;
mod certificate;
mod check;

pub use award::AwardCard;
pub use bulletin::{BULLETIN, BulletinPage};
pub use certificate::{CertificatePage, VerifyAwardPage, certificate_href};
pub use check::{CHECK, CheckCredentialPage};

use crate::domain::AcademyId;
use crate::error::AppError;
use crate::model::{WallFilters, WallPage};
use crate::ui::components::{ChoiceFilter, ErrorSummary, Loaded, Pager};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// Where the wall is.
pub const WALL: &str = "/celebrate";

/// The wall narrowed to an academy and an award, at `page` (flat arguments: they travel in
/// the address's form encoding).
#[server(prefix = "/api", endpoint = "wall")]
pub async fn get_wall(
    academy: Option<AcademyId>,
    award: Option<String>,
    page: Option<u64>,
) -> Result<WallPage, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let filters = WallFilters {
        academy,
        award,
        page,
    };
    crate::db::recognition::wall::wall(&db, &user, &filters).await
}

/// Puts the signed-in person on the wall (`on=true`) or takes them off it.
#[server(prefix = "/api", endpoint = "set_on_wall")]
pub async fn set_on_wall(on: bool) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::recognition::wall::set_on_wall(&db, &user, on, chrono::Utc::now()).await?;
    let done = if on { "on" } else { "off" };
    leptos_axum::redirect(&format!("{WALL}?done={done}#your-place"));
    Ok(())
}

#[component]
pub fn WallPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        query.with(|q| WallFilters {
            academy: q.get("academy").and_then(|a| a.parse::<AcademyId>().ok()),
            award: q.get("award").filter(|a| !a.is_empty()),
            page: q.get("page").and_then(|p| p.parse().ok()),
        })
    };
    let wall = Resource::new_blocking(filters, |f| get_wall(f.academy, f.award, f.page));
    let choose = ServerAction::<SetOnWall>::new();
    view! {
        <Title text="Celebrate" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=wall
                    view=move |wall| {
                        let error = choose.value().get_untracked().and_then(Result::err);
                        let done = query.with_untracked(|q| q.get("done"));
                        view! { <Wall wall error done /> }
                    }
                />
            }
        })}
    }
}

/// The address of the wall with these filters, at `page`.
fn wall_href(academy: Option<AcademyId>, award: Option<&str>, page: u64) -> String {
    let mut parts = Vec::new();
    if let Some(a) = academy {
        parts.push(format!("academy={a}"));
    }
    if let Some(award) = award {
        parts.push(format!("award={}", crate::url::encode_query_value(award)));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        WALL.to_owned()
    } else {
        format!("{WALL}?{}", parts.join("&"))
    }
}

#[component]
fn Wall(wall: WallPage, error: Option<AppError>, done: Option<String>) -> impl IntoView {
    let WallPage {
        awards,
        academies,
        award_names,
        academy,
        award,
        on_wall,
    } = wall;
    let count = awards.page_count();
    let (page, total) = (awards.page, awards.total);
    let filter_award = award.clone();
    let cards = if awards.items.is_empty() {
        let empty = if academy.is_some() || award.is_some() {
            "No awards on the wall match these choices. Try another academy or award."
        } else {
            "No awards on the wall yet. When colleagues who have chosen to appear here receive an award, it shows here."
        };
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! {
            <ul class="award-grid">
                {awards
                    .items
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li>
                                <AwardCard award=a show_holder=true />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h1>"Celebrate"</h1>
        <p class="lead">
            "Awards and milestones of colleagues across the trust, newest first. Only people who have chosen to appear here are shown."
        </p>
        {error.map(|error| view! { <ErrorSummary error /> })}
        <YourPlace on_wall done />
        <WallFilters academies award_names academy award />
        <p class="no-print wall-bulletin">
            <a href=academy
                .map_or_else(
                    || BULLETIN.to_owned(),
                    |a| format!("{BULLETIN}?academy={a}"),
                )>"Print these for the staff bulletin"</a>
        </p>
        <h2 class="results-heading" aria-live="polite">
            {match total {
                0 => "No awards".to_owned(),
                1 => "1 award".to_owned(),
                n => format!("{n} awards"),
            }}
        </h2>
        {cards}
        <Pager page count href=move |p| wall_href(academy, filter_award.as_deref(), p) />
    }
}

/// The reader's own choice: on the wall or not, and the button that changes it.
#[component]
fn YourPlace(on_wall: bool, done: Option<String>) -> impl IntoView {
    let notice = done.map(|d| match d.as_str() {
        "on" => "You now appear on the wall.",
        _ => "You no longer appear on the wall.",
    });
    let (text, button) = if on_wall {
        (
            "Your awards appear on the wall for everyone in the trust to see, with your name and academy.",
            "Take me off the wall",
        )
    } else {
        (
            "Your awards do not appear on the wall. They stay on your portfolio either way; only you can choose to share them here.",
            "Show my awards on the wall",
        )
    };
    view! {
        <section class="panel your-place" id="your-place" aria-labelledby="your-place-heading">
            <h2 id="your-place-heading" class="visually-hidden">
                "Your place on the wall"
            </h2>
            {notice
                .map(|m| {
                    view! {
                        <div class="notice notice--success" role="status">
                            <p>{m}</p>
                        </div>
                    }
                })}
            <div class="your-place__row">
                <p>{text}</p>
                <form method="post" action=SetOnWall::PATH class="inline-form">
                    <input type="hidden" name="on" value=(!on_wall).to_string() />
                    <button type="submit" class="button button--secondary">
                        {button}
                    </button>
                </form>
            </div>
        </section>
    }
}

/// Narrowing the wall to an academy and an award (a plain GET form).
#[component]
fn WallFilters(
    academies: Vec<(AcademyId, String)>,
    award_names: Vec<String>,
    academy: Option<AcademyId>,
    award: Option<String>,
) -> impl IntoView {
    view! {
        <form
            method="get"
            action=WALL
            class="filters no-print"
            role="search"
            aria-label="Narrow the wall"
        >
            <ChoiceFilter
                id="academy"
                label="Academy"
                every="Every academy"
                choices=academies.into_iter().map(|(id, name)| (id.to_string(), name)).collect()
                chosen=academy.map(|a| a.to_string())
            />
            <ChoiceFilter
                id="award"
                label="Award"
                every="Every award"
                choices=award_names.into_iter().map(|name| (name.clone(), name)).collect()
                chosen=award
            />
            <button type="submit" class="button button--secondary">
                "Show"
            </button>
        </form>
    }
}
