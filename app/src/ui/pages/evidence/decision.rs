//! The verifier's decision on a submitted entry: the level each claim shows, a comment, and
//! verify, ask for changes or decline.

use super::api::EntryAction;
use crate::domain::EntryId;
use crate::domain::evidence::EvidenceAction;
use crate::error::AppError;
use crate::model::ClaimView;
use crate::ui::components::{FieldMessage, field_message};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub(super) fn Decision(
    id: EntryId,
    revision: i32,
    claims: Vec<ClaimView>,
    levels: Vec<String>,
    error: Option<AppError>,
) -> impl IntoView {
    let comment_error = field_message(error.as_ref(), "comment");
    let described_by = if comment_error.is_some() {
        "comment-hint comment-error"
    } else {
        "comment-hint"
    };
    let invalid = comment_error.is_some().then_some("true");
    let button = |action: EvidenceAction, label: &'static str, class: &'static str| {
        view! {
            <button type="submit" name="action" value=action.code() class=class>
                {label}
            </button>
        }
    };
    view! {
        <section class="panel" aria-labelledby="decide-heading">
            <h2 id="decide-heading">"Your decision"</h2>
            <form method="post" action=EntryAction::PATH class="form" novalidate>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="revision" value=revision.to_string() />
                {(!claims.is_empty()).then(|| view! { <LevelChoices claims levels /> })}
                <div class="field" class=("field--error", comment_error.is_some())>
                    <label class="field__label" for="comment">
                        "Comment"
                    </label>
                    <p class="field__hint" id="comment-hint">
                        "Needed when you ask for changes or decline, so they know what to do next."
                    </p>
                    <FieldMessage message=comment_error.clone() id="comment-error" />
                    <textarea
                        class="textarea"
                        id="comment"
                        name="comment"
                        rows="3"
                        aria-invalid=invalid
                        aria-describedby=described_by
                    ></textarea>
                </div>
                <div class="actions">
                    {button(EvidenceAction::Verify, "Verify", "button")}
                    {button(
                        EvidenceAction::RequestChanges,
                        "Ask for changes",
                        "button button--secondary",
                    )} {button(EvidenceAction::Decline, "Decline", "button button--quiet")}
                </div>
            </form>
        </section>
    }
}

/// A choice of level for each claim, the claimed one chosen to begin with.
#[component]
fn LevelChoices(claims: Vec<ClaimView>, levels: Vec<String>) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend>"Levels shown"</legend>
            <p class="field__hint">
                "Confirm each claimed level, or choose the level the evidence shows."
            </p>
            {claims
                .into_iter()
                .map(|c| {
                    let field = format!("level-{}", c.code);
                    let options = (1u32..)
                        .zip(levels.iter())
                        .map(|(rank, name)| {
                            view! {
                                <option value=rank.to_string() selected=rank == c.claimed>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="field field--inline">
                            <label class="field__label" for=field.clone()>
                                {format!("{} {}", c.code, c.title)}
                            </label>
                            <select class="select" id=field name=format!("levels[{}]", c.code)>
                                {options}
                            </select>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
