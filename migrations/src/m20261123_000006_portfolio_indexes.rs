//! Indexes that answer a person's portfolio without reading the tables: their entries by
//! status with the date, hours and people reached that the figures, matrix and chart count;
//! and each entry's claims with their levels. The first starts with (owner, status), so the
//! index on just those two goes.

use sea_orm_migration::prelude::*;

use crate::m20261122_000004_evidence::{EvidenceClaim, EvidenceEntry};

const OLD_ENTRY: &str = "idx_entry_owner_status";
const ENTRY: &str = "idx_entry_owner_status_started";
const CLAIM: &str = "idx_claim_entry_levels";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(ENTRY)
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
                    .name(OLD_ENTRY)
                    .table(EvidenceEntry::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CLAIM)
                    .table(EvidenceClaim::Table)
                    .col(EvidenceClaim::EntryId)
                    .col(EvidenceClaim::ElementUuid)
                    .col(EvidenceClaim::ClaimedLevel)
                    .col(EvidenceClaim::VerifiedLevel)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(CLAIM)
                    .table(EvidenceClaim::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_ENTRY)
                    .table(EvidenceEntry::Table)
                    .col(EvidenceEntry::OwnerId)
                    .col(EvidenceEntry::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(ENTRY)
                    .table(EvidenceEntry::Table)
                    .to_owned(),
            )
            .await
    }
}
