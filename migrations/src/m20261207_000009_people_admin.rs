//! Administrators keep the people themselves: each person may carry the employee number their
//! HR system knows them by (what a staff import matches on first), and a leaver keeps the day
//! they left.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(string_len_null(Person::EmployeeNumber, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(date_null(Person::LeftOn))
                    .to_owned(),
            )
            .await?;
        // Unique where given; many people may have none.
        manager
            .create_index(
                Index::create()
                    .name("idx_person_employee_number")
                    .table(Person::Table)
                    .col(Person::EmployeeNumber)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_person_employee_number")
                    .table(Person::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Person::LeftOn, Person::EmployeeNumber] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Person::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Person {
    Table,
    EmployeeNumber,
    LeftOn,
}
