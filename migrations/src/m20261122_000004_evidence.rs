//! Evidence of cross-school activity: activity types, entries with where they happened,
//! their framework claims, co-leaders, links and files, the append-only audit trail of every
//! transition, verification delegates and in-app notifications.
//!
//! Claims refer to framework elements by their stable UUID (and keep the code and level as
//! claimed), so publishing a new framework version rewrites nothing here.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_organisation::{Academy, Person};
use crate::m20261122_000003_framework::{FrameworkVersion, cascade, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActivityType::Table)
                    .col(big_pk_auto(ActivityType::Id))
                    .col(string_len(ActivityType::Name, 120))
                    .col(text(ActivityType::Description))
                    // Whether an entry of this type must name a host academy.
                    .col(boolean(ActivityType::NeedsHost))
                    // Element codes suggested for this type, comma-separated.
                    .col(string_len(ActivityType::SuggestedElements, 200))
                    .col(integer(ActivityType::Position))
                    .col(boolean(ActivityType::Active))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceEntry::Table)
                    .col(big_pk_auto(EvidenceEntry::Id))
                    .col(big_integer(EvidenceEntry::OwnerId))
                    .col(big_integer_null(EvidenceEntry::ActivityTypeId))
                    .col(string_len(EvidenceEntry::Title, 200))
                    .col(date_null(EvidenceEntry::StartedOn))
                    .col(date_null(EvidenceEntry::EndedOn))
                    .col(boolean(EvidenceEntry::TrustWide))
                    // Hours in quarters of an hour, so sums are exact.
                    .col(integer_null(EvidenceEntry::HoursQuarters))
                    .col(integer_null(EvidenceEntry::PeopleReached))
                    // Markdown.
                    .col(text(EvidenceEntry::WhatDone))
                    .col(text(EvidenceEntry::Reflection))
                    // draft | submitted | changes_requested | verified | declined
                    .col(string_len(EvidenceEntry::Status, 20))
                    // Bumped by every change: two people acting at once cannot both win.
                    .col(integer(EvidenceEntry::Revision))
                    // The framework version the claims were made against.
                    .col(big_integer_null(EvidenceEntry::FrameworkVersionId))
                    .col(timestamp_with_time_zone(EvidenceEntry::CreatedAt))
                    .col(timestamp_with_time_zone(EvidenceEntry::UpdatedAt))
                    .col(timestamp_with_time_zone_null(EvidenceEntry::SubmittedAt))
                    .col(timestamp_with_time_zone_null(EvidenceEntry::DecidedAt))
                    .foreign_key(&mut cascade(
                        "fk_entry_owner",
                        EvidenceEntry::Table,
                        EvidenceEntry::OwnerId,
                        Person::Table,
                        Person::Id,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_activity_type")
                            .from(EvidenceEntry::Table, EvidenceEntry::ActivityTypeId)
                            .to(ActivityType::Table, ActivityType::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_framework_version")
                            .from(EvidenceEntry::Table, EvidenceEntry::FrameworkVersionId)
                            .to(FrameworkVersion::Table, FrameworkVersion::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_entry_owner_status",
                vec![EvidenceEntry::OwnerId, EvidenceEntry::Status],
            ),
            (
                "idx_entry_status_submitted",
                vec![EvidenceEntry::Status, EvidenceEntry::SubmittedAt],
            ),
        ] {
            manager
                .create_index(index(name, EvidenceEntry::Table, cols))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(EvidencePlace::Table)
                    .col(big_integer(EvidencePlace::EntryId))
                    .col(big_integer(EvidencePlace::AcademyId))
                    .primary_key(
                        Index::create()
                            .col(EvidencePlace::EntryId)
                            .col(EvidencePlace::AcademyId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_place_entry",
                        EvidencePlace::Table,
                        EvidencePlace::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_place_academy",
                        EvidencePlace::Table,
                        EvidencePlace::AcademyId,
                        Academy::Table,
                        Academy::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceClaim::Table)
                    .col(big_pk_auto(EvidenceClaim::Id))
                    .col(big_integer(EvidenceClaim::EntryId))
                    .col(string_len(EvidenceClaim::ElementUuid, 36))
                    .col(string_len(EvidenceClaim::ElementCode, 10))
                    // 1-based rank of the level claimed, and of the level the verifier confirmed.
                    .col(integer(EvidenceClaim::ClaimedLevel))
                    .col(integer_null(EvidenceClaim::VerifiedLevel))
                    .foreign_key(&mut cascade(
                        "fk_claim_entry",
                        EvidenceClaim::Table,
                        EvidenceClaim::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_entry_element")
                    .table(EvidenceClaim::Table)
                    .col(EvidenceClaim::EntryId)
                    .col(EvidenceClaim::ElementUuid)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceCoLeader::Table)
                    .col(big_integer(EvidenceCoLeader::EntryId))
                    .col(big_integer(EvidenceCoLeader::PersonId))
                    .primary_key(
                        Index::create()
                            .col(EvidenceCoLeader::EntryId)
                            .col(EvidenceCoLeader::PersonId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_co_leader_entry",
                        EvidenceCoLeader::Table,
                        EvidenceCoLeader::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_co_leader_person",
                        EvidenceCoLeader::Table,
                        EvidenceCoLeader::PersonId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceLink::Table)
                    .col(big_pk_auto(EvidenceLink::Id))
                    .col(big_integer(EvidenceLink::EntryId))
                    .col(string_len(EvidenceLink::Url, 2000))
                    .col(string_len(EvidenceLink::Label, 200))
                    .foreign_key(&mut cascade(
                        "fk_link_entry",
                        EvidenceLink::Table,
                        EvidenceLink::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceFile::Table)
                    .col(big_pk_auto(EvidenceFile::Id))
                    .col(big_integer(EvidenceFile::EntryId))
                    // Where the bytes are in file storage (never a name the uploader chose).
                    .col(string_len(EvidenceFile::StorageKey, 80))
                    .col(string_len(EvidenceFile::FileName, 255))
                    .col(string_len(EvidenceFile::ContentType, 100))
                    .col(big_integer(EvidenceFile::SizeBytes))
                    .col(timestamp_with_time_zone(EvidenceFile::UploadedAt))
                    .foreign_key(&mut cascade(
                        "fk_file_entry",
                        EvidenceFile::Table,
                        EvidenceFile::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceEvent::Table)
                    .col(big_pk_auto(EvidenceEvent::Id))
                    .col(big_integer(EvidenceEvent::EntryId))
                    .col(big_integer(EvidenceEvent::ActorId))
                    .col(timestamp_with_time_zone(EvidenceEvent::At))
                    // The action taken (an EvidenceAction code).
                    .col(string_len(EvidenceEvent::Action, 30))
                    .col(string_len_null(EvidenceEvent::FromStatus, 20))
                    .col(string_len(EvidenceEvent::ToStatus, 20))
                    .col(text(EvidenceEvent::Comment))
                    // Claimed levels before and after, as JSON: {"<element uuid>": rank}.
                    .col(text(EvidenceEvent::LevelsBefore))
                    .col(text(EvidenceEvent::LevelsAfter))
                    .foreign_key(&mut cascade(
                        "fk_event_entry",
                        EvidenceEvent::Table,
                        EvidenceEvent::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_event_actor",
                        EvidenceEvent::Table,
                        EvidenceEvent::ActorId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_entry")
                    .table(EvidenceEvent::Table)
                    .col(EvidenceEvent::EntryId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(VerificationDelegate::Table)
                    // One delegate per manager at a time.
                    .col(big_integer(VerificationDelegate::ManagerId).primary_key())
                    .col(big_integer(VerificationDelegate::DelegateId))
                    .col(timestamp_with_time_zone(VerificationDelegate::Until))
                    .col(big_integer(VerificationDelegate::SetBy))
                    .foreign_key(&mut cascade(
                        "fk_delegate_manager",
                        VerificationDelegate::Table,
                        VerificationDelegate::ManagerId,
                        Person::Table,
                        Person::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_delegate_person",
                        VerificationDelegate::Table,
                        VerificationDelegate::DelegateId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .col(big_pk_auto(Notification::Id))
                    .col(big_integer(Notification::PersonId))
                    .col(big_integer_null(Notification::EntryId))
                    .col(string_len(Notification::Kind, 30))
                    .col(text(Notification::Message))
                    .col(timestamp_with_time_zone(Notification::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notification::ReadAt))
                    .foreign_key(&mut cascade(
                        "fk_notification_person",
                        Notification::Table,
                        Notification::PersonId,
                        Person::Table,
                        Person::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_notification_entry",
                        Notification::Table,
                        Notification::EntryId,
                        EvidenceEntry::Table,
                        EvidenceEntry::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notification_person")
                    .table(Notification::Table)
                    .col(Notification::PersonId)
                    .col(Notification::ReadAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notification::Table.into_iden(),
            VerificationDelegate::Table.into_iden(),
            EvidenceEvent::Table.into_iden(),
            EvidenceFile::Table.into_iden(),
            EvidenceLink::Table.into_iden(),
            EvidenceCoLeader::Table.into_iden(),
            EvidenceClaim::Table.into_iden(),
            EvidencePlace::Table.into_iden(),
            EvidenceEntry::Table.into_iden(),
            ActivityType::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ActivityType {
    Table,
    Id,
    Name,
    Description,
    NeedsHost,
    SuggestedElements,
    Position,
    Active,
}

#[derive(DeriveIden)]
pub(crate) enum EvidenceEntry {
    Table,
    Id,
    OwnerId,
    ActivityTypeId,
    Title,
    StartedOn,
    EndedOn,
    TrustWide,
    HoursQuarters,
    PeopleReached,
    WhatDone,
    Reflection,
    Status,
    Revision,
    FrameworkVersionId,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum EvidencePlace {
    Table,
    EntryId,
    AcademyId,
}

#[derive(DeriveIden)]
pub(crate) enum EvidenceClaim {
    Table,
    Id,
    EntryId,
    ElementUuid,
    ElementCode,
    ClaimedLevel,
    VerifiedLevel,
}

#[derive(DeriveIden)]
enum EvidenceCoLeader {
    Table,
    EntryId,
    PersonId,
}

#[derive(DeriveIden)]
enum EvidenceLink {
    Table,
    Id,
    EntryId,
    Url,
    Label,
}

#[derive(DeriveIden)]
enum EvidenceFile {
    Table,
    Id,
    EntryId,
    StorageKey,
    FileName,
    ContentType,
    SizeBytes,
    UploadedAt,
}

#[derive(DeriveIden)]
enum EvidenceEvent {
    Table,
    Id,
    EntryId,
    ActorId,
    At,
    Action,
    FromStatus,
    ToStatus,
    Comment,
    LevelsBefore,
    LevelsAfter,
}

#[derive(DeriveIden)]
enum VerificationDelegate {
    Table,
    ManagerId,
    DelegateId,
    Until,
    SetBy,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    PersonId,
    EntryId,
    Kind,
    Message,
    CreatedAt,
    ReadAt,
}
