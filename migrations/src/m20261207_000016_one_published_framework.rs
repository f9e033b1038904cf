//! At most one published framework version, enforced by the database itself: two publishes at
//! the same moment (each retiring the version it read as current) cannot both commit. A partial
//! unique index, which SQLite and PostgreSQL both have.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_framework_version_one_published \
                 ON framework_version (status) WHERE status = 'published'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX ux_framework_version_one_published")
            .await?;
        Ok(())
    }
}
