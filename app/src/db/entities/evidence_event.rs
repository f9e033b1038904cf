//! One line of an entry's audit trail. Written once, never changed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub entry_id: i64,
    pub actor_id: i64,
    pub at: DateTimeUtc,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub comment: String,
    /// JSON: {"<element code>": level rank}.
    pub levels_before: String,
    pub levels_after: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
