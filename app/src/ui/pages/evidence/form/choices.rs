//! The form's two lists of choices: the academies where it happened, and the level shown for
//! each element of the framework.

use super::{Messages, keyed, name};
use crate::domain::AcademyId;
use crate::model::EntryForm;
use crate::ui::components::{FieldMessage, Table};
use leptos::prelude::*;
use std::collections::HashMap;

/// Where it happened: trust-wide, and every academy involved.
#[component]
pub(super) fn PlacesField(
    form: EntryForm,
    academies: Vec<(AcademyId, String)>,
    home_academy: Option<AcademyId>,
    messages: Messages,
) -> impl IntoView {
    let message = messages.of("places");
    view! {
        <fieldset
            class="fieldset"
            id="places"
            class=("field--error", move || message.with(Option::is_some))
        >
            <legend>"Where it happened"</legend>
            <p class="field__hint">
                "Choose every academy involved. Your own academy can be one of them, but at least one must be elsewhere, or trust-wide."
            </p>
            {move || view! { <FieldMessage message=message.get() id="places-error" /> }}
            <div class="checkbox">
                <input
                    type="checkbox"
                    id="trust_wide"
                    name=name("trust_wide")
                    value="on"
                    checked=form.trust_wide
                />
                <label for="trust_wide">"Trust-wide / online"</label>
            </div>
            <div class="checkbox-columns">
                {academies
                    .into_iter()
                    .map(|(aid, academy)| {
                        let field = format!("place-{aid}");
                        let label = if home_academy == Some(aid) {
                            format!("{academy} (your academy)")
                        } else {
                            academy
                        };
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=field.clone()
                                    name=keyed("places", aid)
                                    value="on"
                                    checked=form.places.contains(&aid)
                                />
                                <label for=field>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// What it shows: a level (or none) for each element of the framework.
#[component]
pub(super) fn ClaimsField(
    claims: Vec<(String, u32)>,
    elements: Vec<(String, String, String)>,
    levels: Vec<String>,
    messages: Messages,
) -> impl IntoView {
    let claimed: HashMap<String, u32> = claims.into_iter().collect();
    let message = messages.of("claims");
    let rows = elements
        .into_iter()
        .map(|(code, title, strand)| {
            let field = format!("claim-{code}");
            let chosen = claimed.get(&code).copied();
            let options = (1u32..)
                .zip(levels.iter())
                .map(|(rank, level)| {
                    view! {
                        <option value=rank.to_string() selected=chosen == Some(rank)>
                            {level.clone()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <td>
                        <label for=field.clone()>
                            <span class="code">{code.clone()}</span>
                            " "
                            {title}
                        </label>
                        <span class="table__secondary">{strand}</span>
                    </td>
                    <td>
                        <select class="select" id=field name=keyed("claims", &code)>
                            <option value="" selected=chosen.is_none()>
                                "Not shown"
                            </option>
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="fieldset"
            id="claims"
            class=("field--error", move || message.with(Option::is_some))
        >
            <legend>"What it shows"</legend>
            <p class="field__hint">
                "The elements of the framework this activity demonstrates, and the level of reach it shows for each."
            </p>
            {move || view! { <FieldMessage message=message.get() id="claims-error" /> }}
            <Table caption="Level claimed for each element" columns=vec!["Element", "Level shown"]>
                {rows}
            </Table>
        </fieldset>
    }
}
