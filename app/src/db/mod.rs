//! The database side (server only): sea-orm entities and the services that use them, one
//! folder or file per feature (the same names as the UI's pages). Every service takes the
//! connection and the acting person, authorises first, and scopes what it lists to what that
//! person may see. No query lives anywhere else.

pub mod academies;
pub mod auth;
pub mod entities;
pub mod evidence;
pub mod framework;
pub mod getting_in;
pub mod kept;
pub mod my_data;
pub mod notifications;
pub mod org;
pub mod org_trail;
pub mod people;
pub mod portfolio;
pub mod recognition;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, Select,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

/// The row a query on a unique key (or a one-row table) finds. sea-orm's `one()` adds
/// `LIMIT ?`, and SQLite plans a statement whose LIMIT is a bound value afresh every time it
/// runs; a unique key needs no limit. For the lookups every request makes.
pub async fn unique<E: EntityTrait>(
    db: &impl ConnectionTrait,
    query: Select<E>,
) -> Result<Option<E::Model>, DbErr> {
    Ok(query.all(db).await?.into_iter().next())
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so it waits its turn behind another writer instead of failing when it
/// first writes after reading; PostgreSQL ignores the option.
pub async fn write_transaction(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// A place in a list as its `position` column holds it (lists are short; a longer one stays
/// last).
pub(crate) fn list_position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(backend, "SELECT 1"))
        .await
        .map(|_| ())
}
