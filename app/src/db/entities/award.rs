//! An award a person received: from a milestone rule (once per person and rule) or by hand
//! from HR, with its citation. Never deleted; a withdrawn award keeps who withdrew it and why.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Random hex naming it on its public verification page.
    #[sea_orm(unique)]
    pub public_id: String,
    pub person_id: i64,
    /// The rule that gave it; `None` for an award given by hand.
    pub rule_id: Option<i64>,
    /// What the award is called, as it was on the day.
    pub name: String,
    /// Markdown.
    pub citation: String,
    /// The group it was given with, if any.
    pub group_name: String,
    /// Who gave it by hand.
    pub given_by: Option<i64>,
    /// The day the rule was first met, or the award given.
    pub awarded_on: Date,
    pub created_at: DateTimeUtc,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<i64>,
    pub withdrawn_reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
