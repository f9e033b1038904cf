//! One element of a pathway and its target level.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pathway_target")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pathway_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub element_id: i64,
    pub level_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
