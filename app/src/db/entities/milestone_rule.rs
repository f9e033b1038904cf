//! A milestone the trust sets: what it asks (a `domain::recognition::RuleKind` as JSON), its
//! badge colour, and whether it still awards.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "milestone_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// Markdown.
    pub description: String,
    /// The rule kind's code.
    pub kind: String,
    /// JSON: `domain::recognition::RuleKind`.
    pub rule: String,
    pub colour: String,
    pub active: bool,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
