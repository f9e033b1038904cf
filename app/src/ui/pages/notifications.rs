//! The signed-in person's notifications, newest first, and marking them read.

use super::with_user;
use crate::error::AppError;
use crate::model::NotificationView;
use crate::ui::components::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "notifications")]
pub async fn get_notifications() -> Result<Vec<NotificationView>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::notifications::list(&db, &user).await
}

#[server(prefix = "/api", endpoint = "read_notifications")]
pub async fn read_notifications() -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::notifications::mark_all_read(&db, &user, chrono::Utc::now()).await?;
    leptos_axum::redirect("/notifications");
    Ok(())
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| get_notifications());
    view! {
        <Title text="Notifications" />
        {with_user(move |_| {
            view! { <Loaded resource=list view=move |items| view! { <Notifications items /> } /> }
        })}
    }
}

#[component]
fn Notifications(items: Vec<NotificationView>) -> impl IntoView {
    let unread = items.iter().filter(|n| n.unread).count();
    view! {
        <h1>"Notifications"</h1>
        {if items.is_empty() {
            view! {
                <p class="lead">
                    "Nothing yet. You will hear here when evidence is waiting for you, or when your own is decided."
                </p>
            }
                .into_any()
        } else {
            view! {
                {(unread > 0)
                    .then(|| {
                        view! {
                            <form method="post" action=ReadNotifications::PATH class="inline-form">
                                <button type="submit" class="button button--secondary">
                                    "Mark all as read"
                                </button>
                            </form>
                        }
                    })}
                <ul class="notification-list">
                    {items
                        .into_iter()
                        .map(|n| {
                            view! {
                                <li class="notification" class=("notification--unread", n.unread)>
                                    {n
                                        .unread
                                        .then(|| {
                                            view! {
                                                <span class="tag">"New"</span>
                                                " "
                                            }
                                        })}
                                    {match n.href {
                                        Some(href) => {
                                            view! { <a href=href>{n.message.clone()}</a> }.into_any()
                                        }
                                        None => {
                                            view! { <span>{n.message.clone()}</span> }.into_any()
                                        }
                                    }}
                                    <span class="notification__when">{n.when}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}
