//! Editing one element of a draft: its code, words and strand, and its descriptor at every
//! level, for everyone and tailored to each role category, each with a preview rendered by
//! the server exactly as staff will read it.

mod form;
mod markdown;

use crate::domain::VersionId;
use crate::error::AppError;
use crate::model::ElementEditor;
use crate::ui::components::Loaded;
use crate::ui::pages::with_user;
use form::ElementForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[cfg(feature = "ssr")]
use super::{apply, optional_id, version_path};
#[cfg(feature = "ssr")]
use crate::domain::RoleCategory;
#[cfg(feature = "ssr")]
use crate::domain::framework::edit::Edit;
use std::collections::HashMap;

/// The element form as the browser posts it: `element[code]`, `element[title]`…, and each
/// descriptor as `element[descriptors][descriptor-<level>-<all|category>]`.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PostedElement {
    #[serde(default)]
    pub strand: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    pub descriptors: Option<HashMap<String, String>>,
}

#[cfg(feature = "ssr")]
impl PostedElement {
    /// The descriptors the form carried, read from their field names; unknown names are ignored.
    fn descriptor_docs(
        descriptors: HashMap<String, String>,
    ) -> Vec<crate::domain::framework::DescriptorDoc> {
        let mut list = Vec::new();
        for (field, body) in descriptors {
            let mut parts = field.splitn(3, '-');
            let (Some("descriptor"), Some(level), Some(category)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(level) = level.parse::<u32>() else {
                continue;
            };
            let role_category = match category {
                "all" => None,
                code => match RoleCategory::from_code(code) {
                    Some(c) => Some(c),
                    None => continue,
                },
            };
            list.push(crate::domain::framework::DescriptorDoc {
                level,
                role_category,
                body,
            });
        }
        list
    }

    fn into_fields(self) -> crate::domain::framework::edit::ElementFields {
        crate::domain::framework::edit::ElementFields {
            strand: self.strand,
            code: self.code,
            title: self.title,
            summary: self.summary,
            description: self.description,
            descriptors: Self::descriptor_docs(self.descriptors.unwrap_or_default()),
        }
    }
}

/// Saves an element of draft `version`; `id` is the element's identifier, empty for a new one.
#[server(prefix = "/api", endpoint = "save_element")]
pub async fn save_element(
    version: VersionId,
    id: String,
    element: PostedElement,
) -> Result<(), AppError> {
    let saved = apply(
        version,
        Edit::SaveElement {
            id: optional_id(id),
            fields: element.into_fields(),
        },
    )
    .await?;
    leptos_axum::redirect(&format!(
        "{}/elements/{}?saved=1",
        version_path(version),
        saved.unwrap_or_default()
    ));
    Ok(())
}

/// `element` is an element's identifier, or `new`.
#[server(prefix = "/api", endpoint = "element_editor")]
pub async fn get_element_editor(
    version: VersionId,
    element: String,
) -> Result<ElementEditor, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let element = (element != "new").then_some(element);
    crate::db::framework::admin::element_editor(
        &db,
        &user,
        version,
        element.as_deref(),
        chrono::Utc::now(),
    )
    .await
}

#[component]
pub fn ElementEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").and_then(|s| s.parse::<VersionId>().ok()),
                p.get("element").unwrap_or_default(),
            )
        })
    };
    let editor = Resource::new_blocking(key, |(version, element)| {
        crate::ui::pages::load_id(version, |version| get_element_editor(version, element))
    });
    let save = ServerAction::<SaveElement>::new();
    let query = use_query_map();
    view! {
        <Title text="Edit an element" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=editor
                    view=move |editor| {
                        let error = save.value().get_untracked().and_then(Result::err);
                        let strand = query.with_untracked(|q| q.get("strand"));
                        view! { <ElementForm editor error strand /> }.into_any()
                    }
                />
            }
        })}
    }
}
