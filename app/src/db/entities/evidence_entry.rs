//! One piece of evidence of leadership beyond the owner's academy.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub owner_id: i64,
    pub activity_type_id: Option<i64>,
    pub title: String,
    pub started_on: Option<Date>,
    pub ended_on: Option<Date>,
    pub trust_wide: bool,
    /// Hours in quarters of an hour.
    pub hours_quarters: Option<i32>,
    pub people_reached: Option<i32>,
    /// Markdown.
    pub what_done: String,
    /// Markdown.
    pub reflection: String,
    pub status: String,
    /// Bumped by every change, so concurrent changes cannot overwrite each other.
    pub revision: i32,
    pub framework_version_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The kind of activity, if one was chosen.
    #[sea_orm(
        belongs_to = "super::activity_type::Entity",
        from = "Column::ActivityTypeId",
        to = "super::activity_type::Column::Id"
    )]
    ActivityType,
}

impl ActiveModelBehavior for ActiveModel {}
