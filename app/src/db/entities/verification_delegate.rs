//! Who verifies a manager's team's evidence while the manager is away.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "verification_delegate")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub manager_id: i64,
    pub delegate_id: i64,
    pub until: DateTimeUtc,
    pub set_by: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
