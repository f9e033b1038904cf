//! A framework element an entry demonstrates, with the level claimed and the level verified.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_claim")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub entry_id: i64,
    pub element_uuid: String,
    pub element_code: String,
    pub claimed_level: i32,
    pub verified_level: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The entry that makes the claim.
    #[sea_orm(
        belongs_to = "super::evidence_entry::Entity",
        from = "Column::EntryId",
        to = "super::evidence_entry::Column::Id"
    )]
    Entry,
}

impl ActiveModelBehavior for ActiveModel {}
