//! Awards as pages show them, and the e-mail that tells someone they have one.

use crate::db::entities::{academy, award, milestone_rule, person};
use crate::domain::text::long_date;
use crate::domain::{AwardId, PersonId};
use crate::error::AppError;
use crate::mail::Email;
use crate::model::{AwardView, CENTRAL_TEAM};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// A new award's public name: 128 random bits in hex.
pub fn public_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The colour of an award given by hand.
pub const HAND_COLOUR: &str = "#6f3c8f";

/// The e-mail telling `holder` about their award.
pub(super) fn award_email(holder: &person::Model, award: &str) -> Email {
    let first_name = holder
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&holder.name);
    Email {
        to_name: holder.name.clone(),
        to_address: holder.email.clone(),
        subject: format!("You have a new award: {award}"),
        body: format!(
            "Hello {first_name},\n\nCongratulations: you have a new award, {award}.\n\n\
             See it on your portfolio: {{base}}/portfolio#awards\n\nWaymark\n"
        ),
    }
}

/// `awards` as pages show them, with their holders' names and workplaces and their rules'
/// colours, read in three queries whatever their number.
pub(crate) async fn present(
    db: &impl ConnectionTrait,
    awards: Vec<award::Model>,
) -> Result<Vec<AwardView>, AppError> {
    let people: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(awards.iter().map(|a| a.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let academies: HashMap<i64, String> = academy::Entity::find()
        .filter(academy::Column::Id.is_in(people.values().filter_map(|p| p.academy_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let colours: HashMap<i64, String> = milestone_rule::Entity::find()
        .filter(milestone_rule::Column::Id.is_in(awards.iter().filter_map(|a| a.rule_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.colour))
        .collect();
    Ok(awards
        .into_iter()
        .map(|a| {
            let holder = people.get(&a.person_id);
            let workplace = holder
                .and_then(|p| p.academy_id)
                .and_then(|id| academies.get(&id).cloned())
                .unwrap_or_else(|| CENTRAL_TEAM.to_owned());
            let withdrawn = a.withdrawn_at.map(|at| {
                format!(
                    "Withdrawn on {}: {}",
                    long_date(at.date_naive()),
                    a.withdrawn_reason
                )
            });
            AwardView {
                id: AwardId(a.id),
                person: PersonId(a.person_id),
                person_name: holder.map(|p| p.name.clone()).unwrap_or_default(),
                workplace,
                citation_html: crate::markdown::render(&a.citation),
                group_name: a.group_name,
                awarded_on: long_date(a.awarded_on),
                automatic: a.rule_id.is_some(),
                colour: a
                    .rule_id
                    .and_then(|r| colours.get(&r).cloned())
                    .unwrap_or_else(|| HAND_COLOUR.to_owned()),
                withdrawn,
                name: a.name,
            }
        })
        .collect())
}
