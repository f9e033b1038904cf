//! A form field: its label, hint and the message under it when it is wrong.

use leptos::prelude::*;

/// A field's error message, read to screen-reader users as "Error: …"; nothing when there is
/// none. `id` lets the field name it in `aria-describedby`; `alert` announces it at once (for
/// a form that posts without JavaScript and comes back with the message).
#[component]
pub fn FieldMessage(
    message: Option<String>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] alert: bool,
) -> impl IntoView {
    message.map(|message| {
        view! {
            <p class="field__error" id=id role=alert.then_some("alert")>
                <span class="visually-hidden">"Error: "</span>
                {message}
            </p>
        }
    })
}

/// A question on a form: the label for the control with `id`, an optional hint (`{id}-hint`,
/// for the control's `aria-describedby`), the message when the latest attempt got it wrong
/// (`{id}-error`), then the control itself.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] message: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class=("field--error", move || message.with(Option::is_some))>
            <label class="field__label" for=id>
                {label}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <p class="field__hint" id=hint_id>
                            {hint}
                        </p>
                    }
                })}
            {move || view! { <FieldMessage message=message.get() id=error_id.clone() /> }}
            {children()}
        </div>
    }
}
