//! What an element looks like at one level, for everyone or one role category.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "descriptor")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub element_id: i64,
    pub level_id: i64,
    /// `None`: for everyone; otherwise a `RoleCategory` code.
    pub role_category: Option<String>,
    /// Markdown.
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
