//! A Markdown text box with a preview rendered by the server, exactly as staff will read it.

use crate::ui::components::FieldMessage;
use crate::ui::pages::manage::framework::edits::PreviewMarkdown;
use leptos::prelude::*;

/// A Markdown text box with its preview: the saved text as staff will read it, and once the
/// page is interactive, a button that renders what is in the box now (on the server).
#[component]
pub(super) fn MarkdownField(
    id: String,
    name: String,
    label: String,
    hint: String,
    value: String,
    saved_html: Option<String>,
    error: Option<String>,
    rows: u32,
) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let preview = ServerAction::<PreviewMarkdown>::new();
    let live = move || preview.value().get().and_then(Result::ok);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        (!hint.is_empty()).then(|| hint_id.clone()),
        error.is_some().then(|| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let has_saved = saved_html.is_some();
    let saved = saved_html.unwrap_or_default();
    view! {
        <div class="field markdown-field" class=("field--error", error.is_some())>
            <label class="field__label" for=id.clone()>
                {label.clone()}
            </label>
            {(!hint.is_empty())
                .then(|| {
                    view! {
                        <p class="field__hint" id=hint_id.clone()>
                            {hint.clone()}
                        </p>
                    }
                })}
            <FieldMessage message=error.clone() id=error_id.clone() />
            <textarea
                class="textarea"
                id=id.clone()
                name=name
                rows=rows
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
                on:input:target=move |ev| text.set(ev.target().value())

                inner_html=crate::ui::components::textarea_text(&value)
            ></textarea>
            <Show when=move || interactive.get()>
                <button
                    type="button"
                    class="button button--quiet button--small"
                    on:click=move |_| {
                        preview
                            .dispatch(PreviewMarkdown {
                                text: text.get_untracked(),
                            });
                    }
                >
                    "Preview"
                    <span class="visually-hidden">{format!(" {label}")}</span>
                </button>
            </Show>
            {move || match live() {
                Some(html) => {
                    view! {
                        <div class="preview" aria-live="polite">
                            <p class="preview__label">"Preview"</p>
                            <div class="prose" inner_html=html></div>
                        </div>
                    }
                        .into_any()
                }
                None if has_saved => {
                    view! {
                        <div class="preview">
                            <p class="preview__label">"As staff read it now"</p>
                            <div class="prose" inner_html=saved.clone()></div>
                        </div>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </div>
    }
}
