//! The leadership framework: versions, strands, elements, levels, descriptors (optionally
//! tailored to a role category), pathways and who follows them, and consultation feedback.
//!
//! Versions own everything beneath them, so publishing a new version never rewrites an old
//! one. Strands, elements and levels carry a UUID that stays the same from version to
//! version, so exports (JSON, 1EdTech CASE) keep stable identifiers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_organisation::Person;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FrameworkVersion::Table)
                    .col(big_pk_auto(FrameworkVersion::Id))
                    .col(string_len(FrameworkVersion::Uuid, 36))
                    .col(string_len(FrameworkVersion::Name, 200))
                    .col(text(FrameworkVersion::Description))
                    // draft | published | retired
                    .col(string_len(FrameworkVersion::Status, 20))
                    .col(timestamp_with_time_zone_null(
                        FrameworkVersion::ConsultationClosesAt,
                    ))
                    .col(timestamp_with_time_zone(FrameworkVersion::CreatedAt))
                    .col(timestamp_with_time_zone_null(FrameworkVersion::PublishedAt))
                    .col(timestamp_with_time_zone_null(FrameworkVersion::RetiredAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Strand::Table)
                    .col(big_pk_auto(Strand::Id))
                    .col(big_integer(Strand::VersionId))
                    .col(string_len(Strand::Uuid, 36))
                    .col(string_len(Strand::Name, 100))
                    .col(text(Strand::Description))
                    .col(integer(Strand::Position))
                    .foreign_key(&mut cascade(
                        "fk_strand_version",
                        Strand::Table,
                        Strand::VersionId,
                        FrameworkVersion::Table,
                        FrameworkVersion::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Element::Table)
                    .col(big_pk_auto(Element::Id))
                    .col(big_integer(Element::VersionId))
                    .col(big_integer(Element::StrandId))
                    .col(string_len(Element::Uuid, 36))
                    .col(string_len(Element::Code, 10))
                    .col(string_len(Element::Title, 120))
                    .col(string_len(Element::Summary, 300))
                    .col(text(Element::Description))
                    .col(integer(Element::Position))
                    .foreign_key(&mut cascade(
                        "fk_element_version",
                        Element::Table,
                        Element::VersionId,
                        FrameworkVersion::Table,
                        FrameworkVersion::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_element_strand",
                        Element::Table,
                        Element::StrandId,
                        Strand::Table,
                        Strand::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_element_version_code")
                    .table(Element::Table)
                    .col(Element::VersionId)
                    .col(Element::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Level::Table)
                    .col(big_pk_auto(Level::Id))
                    .col(big_integer(Level::VersionId))
                    .col(string_len(Level::Uuid, 36))
                    // 1-based rank: 1 is the first level of progression.
                    .col(integer(Level::Rank))
                    .col(string_len(Level::Name, 100))
                    .col(text(Level::Description))
                    .foreign_key(&mut cascade(
                        "fk_level_version",
                        Level::Table,
                        Level::VersionId,
                        FrameworkVersion::Table,
                        FrameworkVersion::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Descriptor::Table)
                    .col(big_pk_auto(Descriptor::Id))
                    .col(big_integer(Descriptor::ElementId))
                    .col(big_integer(Descriptor::LevelId))
                    // NULL: the descriptor for everyone; otherwise a RoleCategory code.
                    .col(string_len_null(Descriptor::RoleCategory, 20))
                    .col(text(Descriptor::Body))
                    .foreign_key(&mut cascade(
                        "fk_descriptor_element",
                        Descriptor::Table,
                        Descriptor::ElementId,
                        Element::Table,
                        Element::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_descriptor_level",
                        Descriptor::Table,
                        Descriptor::LevelId,
                        Level::Table,
                        Level::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_descriptor_element_level")
                    .table(Descriptor::Table)
                    .col(Descriptor::ElementId)
                    .col(Descriptor::LevelId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Pathway::Table)
                    .col(big_pk_auto(Pathway::Id))
                    .col(big_integer(Pathway::VersionId))
                    .col(string_len(Pathway::Uuid, 36))
                    .col(string_len(Pathway::Name, 120))
                    .col(text(Pathway::Description))
                    // Comma-separated RoleCategory codes the pathway suits.
                    .col(string_len(Pathway::RoleCategories, 100))
                    .col(integer(Pathway::Position))
                    .foreign_key(&mut cascade(
                        "fk_pathway_version",
                        Pathway::Table,
                        Pathway::VersionId,
                        FrameworkVersion::Table,
                        FrameworkVersion::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PathwayTarget::Table)
                    .col(big_integer(PathwayTarget::PathwayId))
                    .col(big_integer(PathwayTarget::ElementId))
                    .col(big_integer(PathwayTarget::LevelId))
                    .primary_key(
                        Index::create()
                            .col(PathwayTarget::PathwayId)
                            .col(PathwayTarget::ElementId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_target_pathway",
                        PathwayTarget::Table,
                        PathwayTarget::PathwayId,
                        Pathway::Table,
                        Pathway::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_target_element",
                        PathwayTarget::Table,
                        PathwayTarget::ElementId,
                        Element::Table,
                        Element::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_target_level",
                        PathwayTarget::Table,
                        PathwayTarget::LevelId,
                        Level::Table,
                        Level::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        // Following is by pathway UUID, so it survives a new framework version.
        manager
            .create_table(
                Table::create()
                    .table(PathwayFollower::Table)
                    .col(big_integer(PathwayFollower::PersonId))
                    .col(string_len(PathwayFollower::PathwayUuid, 36))
                    .col(timestamp_with_time_zone(PathwayFollower::FollowedAt))
                    .primary_key(
                        Index::create()
                            .col(PathwayFollower::PersonId)
                            .col(PathwayFollower::PathwayUuid),
                    )
                    .foreign_key(&mut cascade(
                        "fk_follower_person",
                        PathwayFollower::Table,
                        PathwayFollower::PersonId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsultationFeedback::Table)
                    .col(big_pk_auto(ConsultationFeedback::Id))
                    .col(big_integer(ConsultationFeedback::VersionId))
                    // NULL: feedback on the framework as a whole.
                    .col(big_integer_null(ConsultationFeedback::ElementId))
                    .col(big_integer(ConsultationFeedback::PersonId))
                    .col(text(ConsultationFeedback::Body))
                    .col(timestamp_with_time_zone(ConsultationFeedback::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_feedback_version",
                        ConsultationFeedback::Table,
                        ConsultationFeedback::VersionId,
                        FrameworkVersion::Table,
                        FrameworkVersion::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_feedback_element",
                        ConsultationFeedback::Table,
                        ConsultationFeedback::ElementId,
                        Element::Table,
                        Element::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_feedback_person",
                        ConsultationFeedback::Table,
                        ConsultationFeedback::PersonId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ConsultationFeedback::Table.into_iden(),
            PathwayFollower::Table.into_iden(),
            PathwayTarget::Table.into_iden(),
            Pathway::Table.into_iden(),
            Descriptor::Table.into_iden(),
            Level::Table.into_iden(),
            Element::Table.into_iden(),
            Strand::Table.into_iden(),
            FrameworkVersion::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

pub(crate) fn cascade<
    T: IntoIden + 'static,
    C: IntoIden + 'static,
    U: IntoIden + 'static,
    D: IntoIden + 'static,
>(
    name: &str,
    from_table: T,
    from_col: C,
    to_table: U,
    to_col: D,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// An index called `name` on `table`'s `cols`, in that order.
pub(crate) fn index<T: IntoIden + 'static, C: IntoIden + 'static>(
    name: &str,
    table: T,
    cols: impl IntoIterator<Item = C>,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(col);
    }
    index.to_owned()
}

/// Drops the index called `name` on `table`.
pub(crate) fn drop_index<T: IntoIden + 'static>(name: &str, table: T) -> IndexDropStatement {
    Index::drop().name(name).table(table).to_owned()
}

#[derive(DeriveIden)]
pub(crate) enum FrameworkVersion {
    Table,
    Id,
    Uuid,
    Name,
    Description,
    Status,
    ConsultationClosesAt,
    CreatedAt,
    PublishedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Strand {
    Table,
    Id,
    VersionId,
    Uuid,
    Name,
    Description,
    Position,
}

#[derive(DeriveIden)]
enum Element {
    Table,
    Id,
    VersionId,
    StrandId,
    Uuid,
    Code,
    Title,
    Summary,
    Description,
    Position,
}

#[derive(DeriveIden)]
enum Level {
    Table,
    Id,
    VersionId,
    Uuid,
    Rank,
    Name,
    Description,
}

#[derive(DeriveIden)]
enum Descriptor {
    Table,
    Id,
    ElementId,
    LevelId,
    RoleCategory,
    Body,
}

#[derive(DeriveIden)]
enum Pathway {
    Table,
    Id,
    VersionId,
    Uuid,
    Name,
    Description,
    RoleCategories,
    Position,
}

#[derive(DeriveIden)]
enum PathwayTarget {
    Table,
    PathwayId,
    ElementId,
    LevelId,
}

#[derive(DeriveIden)]
enum PathwayFollower {
    Table,
    PersonId,
    PathwayUuid,
    FollowedAt,
}

#[derive(DeriveIden)]
enum ConsultationFeedback {
    Table,
    Id,
    VersionId,
    ElementId,
    PersonId,
    Body,
    CreatedAt,
}
