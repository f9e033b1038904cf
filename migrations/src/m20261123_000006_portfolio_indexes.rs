//! Indexes that answer a person's portfolio without reading the tables: their entries by
//! status with the date, hours and people reached that the figures, matrix and chart count;
//! and each entry's claims with their levels. The first starts with (owner, status), so the
//! index on just those two goes.

use sea_orm_migration::prelude::*;

use crate::m20261122_000003_framework::{drop_index, index};
use crate::m20261122_000004_evidence::{EvidenceClaim, EvidenceEntry};

const OLD_ENTRY: &str = "idx_entry_owner_status";
const ENTRY: &str = "idx_entry_owner_status_started";
const CLAIM: &str = "idx_claim_entry_levels";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use EvidenceClaim as C;
        use EvidenceEntry as E;
        let entry_cols = [
            E::OwnerId,
            E::Status,
            E::StartedOn,
            E::HoursQuarters,
            E::PeopleReached,
        ];
        let claim_cols = [
            C::EntryId,
            C::ElementUuid,
            C::ClaimedLevel,
            C::VerifiedLevel,
        ];
        manager
            .create_index(index(ENTRY, E::Table, entry_cols))
            .await?;
        manager.drop_index(drop_index(OLD_ENTRY, E::Table)).await?;
        manager
            .create_index(index(CLAIM, C::Table, claim_cols))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use EvidenceEntry as E;
        manager
            .drop_index(drop_index(CLAIM, EvidenceClaim::Table))
            .await?;
        manager
            .create_index(index(OLD_ENTRY, E::Table, [E::OwnerId, E::Status]))
            .await?;
        manager.drop_index(drop_index(ENTRY, E::Table)).await
    }
}
