//! A version of the leadership framework: draft, published or retired.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "framework_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub description: String,
    /// A `VersionStatus` code.
    pub status: String,
    /// Set while the draft is open for staff consultation; closes at this time.
    pub consultation_closes_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub retired_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
