//! A milestone form's questions for each kind of milestone, each kind's under its own heading.
//! The stylesheet shows only the chosen kind's (where the browser can tell, with `:has`).

use crate::domain::recognition::RuleForm;
use crate::error::AppError;
use crate::model::RuleChoices;
use crate::ui::components::{Field, field_message};
use leptos::prelude::*;

/// Each kind's own fields, grouped under the kind they belong to.
#[component]
pub(super) fn KindFields(
    form: RuleForm,
    choices: RuleChoices,
    error: Option<AppError>,
) -> impl IntoView {
    let message = |field: &str| Signal::stored(field_message(error.as_ref(), field));
    let number = |id: &'static str, name: &'static str, value: String| {
        view! {
            <input
                class="input input--short"
                type="text"
                inputmode="numeric"
                id=id
                name=name
                value=value
            />
        }
    };
    let scope_options = choices
        .strands
        .iter()
        .flat_map(|(uuid, name)| {
            [
                (format!("any:{uuid}"), format!("Any element of {name}")),
                (format!("every:{uuid}"), format!("Every element of {name}")),
            ]
        })
        .chain(
            choices
                .elements
                .iter()
                .map(|(uuid, name)| (format!("element:{uuid}"), name.clone())),
        )
        .collect::<Vec<_>>();
    let option = |value: String, label: String, chosen: &str| {
        let selected = value == chosen;
        view! {
            <option value=value selected=selected>
                {label}
            </option>
        }
    };
    let level_options = (1u32..)
        .zip(choices.levels.iter())
        .map(|(rank, name)| option(rank.to_string(), format!("{rank}: {name}"), &form.level))
        .collect_view();
    view! {
        <fieldset class="fieldset kind-fields kind-fields--cross_school">
            <legend>"Verified activities across other academies"</legend>
            <Field
                id="activities"
                label="How many verified activities"
                message=message("activities")
            >
                {number("activities", "rule[activities]", form.activities.clone())}
            </Field>
            <Field
                id="academies"
                label="At how many academies other than their own"
                message=message("academies")
            >
                {number("academies", "rule[academies]", form.academies.clone())}
            </Field>
        </fieldset>
        <fieldset class="fieldset kind-fields kind-fields--level">
            <legend>"A level reached in the framework"</legend>
            <Field id="level" label="Level" message=message("level")>
                <select class="select" id="level" name="rule[level]">
                    <option value="">"Choose a level"</option>
                    {level_options}
                </select>
            </Field>
            <Field id="scope" label="In" message=message("scope")>
                <select class="select" id="scope" name="rule[scope]">
                    <option value="">"Choose a strand or element"</option>
                    {scope_options
                        .into_iter()
                        .map(|(v, l)| option(v, l, &form.scope))
                        .collect_view()}
                </select>
            </Field>
        </fieldset>
        <fieldset class="fieldset kind-fields kind-fields--activity_type">
            <legend>"Verified entries of one activity type"</legend>
            <Field id="activity_type" label="Activity type" message=message("activity_type")>
                <select class="select" id="activity_type" name="rule[activity_type]">
                    <option value="">"Choose an activity type"</option>
                    {choices
                        .activity_types
                        .iter()
                        .map(|(id, name)| option(id.to_string(), name.clone(), &form.activity_type))
                        .collect_view()}
                </select>
            </Field>
            <Field id="entries" label="How many verified entries" message=message("entries")>
                {number("entries", "rule[entries]", form.entries.clone())}
            </Field>
        </fieldset>
        <fieldset class="fieldset kind-fields kind-fields--hours_in_year">
            <legend>"Hours of cross-school work in one academic year"</legend>
            <Field id="hours" label="Hours, September to August" message=message("hours")>
                {number("hours", "rule[hours]", form.hours.clone())}
            </Field>
        </fieldset>
        <fieldset class="fieldset kind-fields kind-fields--pathway">
            <legend>"A pathway completed"</legend>
            <Field id="pathway" label="Pathway" message=message("pathway")>
                <select class="select" id="pathway" name="rule[pathway]">
                    <option value="">"Choose a pathway"</option>
                    {choices
                        .pathways
                        .iter()
                        .map(|(uuid, name)| option(uuid.clone(), name.clone(), &form.pathway))
                        .collect_view()}
                </select>
            </Field>
        </fieldset>
    }
}
