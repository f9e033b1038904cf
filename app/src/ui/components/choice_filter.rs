//! One choice of a filter form (a plain GET form): a labelled `<select>` whose first option
//! is "every …" (no filter), then the choices, the chosen one selected.

use leptos::prelude::*;

/// `id` is also the field's name in the address; `choices` are (value, label) pairs.
#[component]
pub fn ChoiceFilter(
    id: &'static str,
    label: &'static str,
    every: &'static str,
    choices: Vec<(String, String)>,
    chosen: Option<String>,
) -> impl IntoView {
    let none_chosen = chosen.is_none();
    view! {
        <div class="field field--inline">
            <label class="field__label" for=id>
                {label}
            </label>
            <select class="select" id=id name=id>
                <option value="" selected=none_chosen>
                    {every}
                </option>
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = chosen.as_deref() == Some(value.as_str());
                        view! {
                            <option value=value selected=selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
