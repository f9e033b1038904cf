//! One change to the organisation (an academy or a person), as the audit trail keeps it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    /// Who made the change.
    pub actor_id: i64,
    /// The academy changed, when it was an academy.
    pub academy_id: Option<i64>,
    /// The person changed, when it was a person.
    pub person_id: Option<i64>,
    /// What changed, as people read it: "Name", "Phase", "Closed".
    pub field: String,
    pub from_value: String,
    pub to_value: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
