//! A member of staff (or a former one).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub job_title: String,
    /// `None`: the central trust team.
    pub academy_id: Option<i64>,
    /// A `RoleCategory` code.
    pub role_category: String,
    pub line_manager_id: Option<i64>,
    /// A `PersonStatus` code.
    pub status: String,
    pub password_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Raised by the database whenever the person's evidence (entries, their claims and
    /// places) is written: what a kept portfolio summary is checked against.
    pub evidence_revision: i64,
    /// What the trust's HR system calls them: a staff import matches on it first.
    #[sea_orm(unique)]
    pub employee_number: Option<String>,
    /// The day a leaver left.
    pub left_on: Option<Date>,
    /// They chose to appear on the celebration wall.
    pub on_wall: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
