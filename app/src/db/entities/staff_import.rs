//! A staff file uploaded for import, with its column mapping and, once applied, what it did.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_import")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uploaded_by: i64,
    pub uploaded_at: DateTimeUtc,
    pub file_name: String,
    /// The file as UTF-8 text.
    pub content: String,
    /// JSON: `domain::import::Mapping`.
    pub mapping: String,
    pub applied_at: Option<DateTimeUtc>,
    /// What applying it did, in words.
    pub outcome: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
