//! An academy of the trust.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "academy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// An `AcademyPhase` code.
    pub phase: String,
    pub created_at: DateTimeUtc,
    /// Empty when the academy has none.
    pub short_name: String,
    /// When it closed; a closed academy keeps its history and still shows on old evidence.
    pub closed_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
