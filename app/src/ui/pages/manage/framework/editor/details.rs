//! The draft's name and introduction.

use crate::domain::VersionId;
use crate::domain::framework::FrameworkDocument;
use crate::error::AppError;
use crate::ui::components::{Field, field_message};
use crate::ui::pages::manage::framework::edits::SaveDetails;
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub(super) fn Details(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
    description_html: String,
    error: Option<AppError>,
) -> impl IntoView {
    let name_error = field_message(error.as_ref(), "name");
    let description_error = field_message(error.as_ref(), "description");
    view! {
        <section id="details" aria-labelledby="details-heading">
            <h2 id="details-heading">"Name and introduction"</h2>
            {if editable {
                view! {
                    <form method="post" action=SaveDetails::PATH class="form panel" novalidate>
                        <input type="hidden" name="version" value=version.to_string() />
                        <Field id="name" label="Name" message=Signal::stored(name_error.clone())>
                            <input
                                class="input"
                                type="text"
                                id="name"
                                name="name"
                                value=document.name.clone()
                                maxlength="240"
                                aria-invalid=name_error.is_some().then_some("true")
                            />
                        </Field>
                        <Field
                            id="description"
                            label="Introduction"
                            hint="Markdown. Shown to staff above the framework."
                            message=Signal::stored(description_error.clone())
                        >
                            <textarea
                                class="textarea"
                                id="description"
                                name="description"
                                rows="4"
                                aria-describedby="description-hint"

                                inner_html=crate::ui::components::textarea_text(
                                    &document.description.clone(),
                                )
                            ></textarea>
                        </Field>
                        <button type="submit" class="button button--secondary">
                            "Save name and introduction"
                        </button>
                    </form>
                }
                    .into_any()
            } else {
                view! { <div class="prose" inner_html=description_html></div> }.into_any()
            }}
        </section>
    }
}
