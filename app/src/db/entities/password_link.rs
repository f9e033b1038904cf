//! A link that lets a person set their password: an invitation or a reset. Only a hash of
//! its token is kept.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_link")]
pub struct Model {
    /// SHA-256 of the token, in hex.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: i64,
    /// A `LinkPurpose` code.
    pub purpose: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
