//! One index answers a person's portfolio: their entries by status, with the date, hours and
//! people reached the figures, matrix and chart count, so counting never reads the table.
//! It starts with (owner, status), so the index on just those two goes.

use sea_orm_migration::prelude::*;

use crate::m20261122_000004_evidence::EvidenceEntry;

const OLD: &str = "idx_entry_owner_status";
const NEW: &str = "idx_entry_owner_status_started";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NEW)
                    .table(EvidenceEntry::Table)
                    .col(EvidenceEntry::OwnerId)
                    .col(EvidenceEntry::Status)
                    .col(EvidenceEntry::StartedOn)
                    .col(EvidenceEntry::HoursQuarters)
                    .col(EvidenceEntry::PeopleReached)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD)
                    .table(EvidenceEntry::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(EvidenceEntry::Table)
                    .col(EvidenceEntry::OwnerId)
                    .col(EvidenceEntry::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(NEW)
                    .table(EvidenceEntry::Table)
                    .to_owned(),
            )
            .await
    }
}
