//! The person form: who they are, where they work, who manages them and what they may do.

use super::SavePerson;
use crate::domain::people::{CENTRAL, MAX_EMPLOYEE_NUMBER, MAX_JOB_TITLE};
use crate::domain::{AccessRole, EmailAddress, PersonName, RoleCategory};
use crate::model::{AcademyChoice, PersonRecord};
use crate::ui::components::{ErrorSummary, Field, FieldMessage, field_message};
use leptos::prelude::*;

#[component]
pub fn PersonFormView(
    person: Option<PersonRecord>,
    academies: Vec<AcademyChoice>,
    save: ServerAction<SavePerson>,
    back: String,
) -> impl IntoView {
    let error = move || save.value().get().and_then(Result::err);
    let message =
        move |field: &'static str| Signal::derive(move || field_message(error().as_ref(), field));
    let value = |f: fn(&PersonRecord) -> String| person.as_ref().map(f).unwrap_or_default();
    let (name, email, number) = (
        value(|p| p.name.clone()),
        value(|p| p.email.clone()),
        value(|p| p.employee_number.clone()),
    );
    let (job_title, manager) = (
        value(|p| p.job_title.clone()),
        value(|p| p.line_manager_email.clone()),
    );
    let academy = person.as_ref().map(|p| p.academy);
    let category = person.as_ref().map(|p| p.role_category);
    let roles = person.as_ref().map(|p| p.roles.clone()).unwrap_or_default();
    let button = if person.is_some() {
        "Save changes"
    } else {
        "Add person"
    };
    view! {
        {move || error().map(|error| view! { <ErrorSummary error /> })}
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            {person
                .as_ref()
                .map(|p| view! { <input type="hidden" name="id" value=p.id.to_string() /> })}
            <Field id="name" label="Full name" message=message("name")>
                <input
                    class="input input--wide"
                    type="text"
                    id="name"
                    name="person[name]"
                    value=name
                    maxlength=PersonName::MAX_LEN.to_string()
                    autocomplete="off"
                />
            </Field>
            <Field id="email" label="E-mail address" message=message("email")>
                <input
                    class="input input--wide"
                    type="email"
                    id="email"
                    name="person[email]"
                    value=email
                    maxlength=EmailAddress::MAX_LEN.to_string()
                    autocomplete="off"
                    spellcheck="false"
                />
            </Field>
            <Field
                id="employee_number"
                label="Employee number (optional)"
                hint="As the HR system knows them: a staff import matches people on it first."
                message=message("employee_number")
            >
                <input
                    class="input"
                    type="text"
                    id="employee_number"
                    name="person[employee_number]"
                    value=number
                    maxlength=MAX_EMPLOYEE_NUMBER.to_string()
                    aria-describedby="employee_number-hint"
                    autocomplete="off"
                />
            </Field>
            <Field id="job_title" label="Job title" message=message("job_title")>
                <input
                    class="input input--wide"
                    type="text"
                    id="job_title"
                    name="person[job_title]"
                    value=job_title
                    maxlength=MAX_JOB_TITLE.to_string()
                    autocomplete="off"
                />
            </Field>
            <Field id="academy" label="Works at" message=message("academy")>
                <select class="select" id="academy" name="person[academy]">
                    {academy
                        .is_none()
                        .then(|| view! { <option value="">"Choose where they work"</option> })}
                    <option value=CENTRAL selected=academy == Some(None)>
                        {crate::model::CENTRAL_TEAM}
                    </option>
                    {academies
                        .into_iter()
                        .map(|a| {
                            view! {
                                <option value=a.id.to_string() selected=academy == Some(Some(a.id))>
                                    {a.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
            <Field id="role_category" label="Role category" message=message("role_category")>
                <select class="select" id="role_category" name="person[role_category]">
                    {category
                        .is_none()
                        .then(|| view! { <option value="">"Choose a role category"</option> })}
                    {RoleCategory::ALL
                        .iter()
                        .map(|c| {
                            view! {
                                <option value=c.code() selected=category == Some(*c)>
                                    {c.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
            <Field
                id="line_manager"
                label="Line manager’s e-mail address (optional)"
                hint="They verify this person’s evidence. Leave it empty for someone at the top of their line."
                message=message("line_manager")
            >
                <input
                    class="input input--wide"
                    type="email"
                    id="line_manager"
                    name="person[line_manager]"
                    value=manager
                    aria-describedby="line_manager-hint"
                    autocomplete="off"
                    spellcheck="false"
                />
            </Field>
            <Roles roles message=message("administrator") pd_message=message("pd_lead") />
            <div class="actions">
                <button type="submit" class="button">
                    {button}
                </button>
                <a class="button button--quiet" href=back>
                    "Cancel"
                </a>
            </div>
        </ActionForm>
    }
}

/// The access roles, as ticked boxes. Being a line manager is not one: it follows from having
/// reports.
#[component]
fn Roles(
    roles: Vec<AccessRole>,
    message: Signal<Option<String>>,
    pd_message: Signal<Option<String>>,
) -> impl IntoView {
    let choices = [
        (
            AccessRole::Administrator,
            "administrator",
            "Keeps the academies, people, framework and evidence settings.",
        ),
        (
            AccessRole::Hr,
            "hr",
            "Sees the whole trust’s people and their records.",
        ),
        (
            AccessRole::AcademyPdLead,
            "pd_lead",
            "Leads professional development at their own academy and sees its people.",
        ),
    ];
    view! {
        <fieldset class="field fieldset">
            <legend class="field__label">"Access roles"</legend>
            <p class="field__hint">
                "Everyone can record evidence and build a portfolio; line managers verify their reports’ evidence."
            </p>
            {move || view! { <FieldMessage message=message.get() id="administrator-error" /> }}
            {move || view! { <FieldMessage message=pd_message.get() id="pd_lead-error" /> }}
            {choices
                .into_iter()
                .map(|(role, key, hint)| {
                    let id = key.to_owned();
                    view! {
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=id.clone()
                                name=format!("person[{key}]")
                                value="on"
                                checked=roles.contains(&role)
                                aria-describedby=format!("{key}-hint")
                            />
                            <div>
                                <label for=id>{role.label()}</label>
                                <p class="field__hint" id=format!("{key}-hint")>
                                    {hint}
                                </p>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
