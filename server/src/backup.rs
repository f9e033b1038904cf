//! `waymark backup DIR` and `waymark restore DIR`: a consistent copy of everything a trust
//! would miss — the database, the supporting files and the badge key — taken while the server
//! runs, and brought back into an empty place.
//!
//! The database is copied by the database itself: SQLite's `VACUUM INTO` (one read transaction,
//! so a consistent snapshot however busy the server is), PostgreSQL's `pg_dump` (a consistent
//! snapshot too; `pg_restore` brings it back). Supporting files never change once written, so
//! they are copied before the snapshot and again after it, for any added meanwhile; the
//! manifest says how many files the snapshot names and whether any could not be found.

use crate::config::Settings;
use anyhow::{Context, bail};
use app::db::entities::evidence_file;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QuerySelect};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const SQLITE_FILE: &str = "waymark.db";
const PG_FILE: &str = "waymark.pgdump";
const FILES: &str = "files";
const KEY: &str = "trust-key.json";
const MANIFEST: &str = "backup.json";

/// What a backup holds, written beside it.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub taken_at: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    /// Supporting files the database names.
    pub files_named: usize,
    /// Of those, files that were not in the store (deleted while the backup ran, or lost before).
    pub files_missing: usize,
    pub key: bool,
}

/// Takes a backup into `dir`, which must not exist yet or be empty.
pub async fn backup(settings: &Settings, dir: &Path) -> anyhow::Result<Manifest> {
    empty_dir(dir)?;
    let files_out = dir.join(FILES);
    std::fs::create_dir_all(&files_out)?;
    // Before the snapshot: every file there is now.
    copy_new_files(&settings.files_dir, &files_out)?;

    let db = crate::startup::connect(&settings.database_url).await?;
    let database = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let target = dir.join(SQLITE_FILE);
            let path = target
                .to_str()
                .context("the backup folder's name is not UTF-8")?;
            db.execute_unprepared(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))
                .await
                .context("copying the SQLite database")?;
            "sqlite"
        }
        DbBackend::Postgres => {
            run(
                std::process::Command::new("pg_dump")
                    .arg("--format=custom")
                    .arg("--no-owner")
                    .arg("--file")
                    .arg(dir.join(PG_FILE))
                    .arg(&settings.database_url),
                "pg_dump",
            )?;
            "postgres"
        }
        other => bail!("backing up a {other:?} database is not supported"),
    };
    // The files the snapshot names, read back from the copy just made.
    let named = named_files(settings, dir, database).await?;
    // After the snapshot: any file added meanwhile.
    copy_new_files(&settings.files_dir, &files_out)?;
    let files_missing = named
        .iter()
        .filter(|key| {
            app::storage::DiskStore::relative_path(key)
                .map_or(true, |path| !files_out.join(path).exists())
        })
        .count();
    if files_missing > 0 {
        tracing::warn!(
            files_missing,
            "some files the database names were not in the store"
        );
    }
    let key = settings.key_file.exists();
    if key {
        std::fs::copy(&settings.key_file, dir.join(KEY)).context("copying the badge key")?;
    }
    let manifest = Manifest {
        taken_at: chrono::Utc::now().to_rfc3339(),
        database: database.to_owned(),
        files_named: named.len(),
        files_missing,
        key,
    };
    std::fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(manifest)
}

/// Brings the backup in `dir` back: into the database `DATABASE_URL` names (a SQLite file that
/// does not exist yet, or an empty PostgreSQL database), the files folder (empty or new) and
/// the key file (if none is there). Migrations then bring an older backup up to date.
pub async fn restore(settings: &Settings, dir: &Path) -> anyhow::Result<Manifest> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(dir.join(MANIFEST)).context("this folder holds no Waymark backup")?,
    )?;
    empty_dir(&settings.files_dir)?;
    if settings.key_file.exists() {
        bail!(
            "{} already holds a badge key; move it away first, so that no key is lost",
            settings.key_file.display()
        );
    }
    match (
        manifest.database.as_str(),
        crate::startup::sqlite_file(&settings.database_url).map(PathBuf::from),
    ) {
        ("sqlite", Some(target)) => {
            if target.exists() {
                bail!(
                    "{} already exists; restore into a new database file",
                    target.display()
                );
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(dir.join(SQLITE_FILE), &target).context("copying the database back")?;
        }
        ("postgres", None) => {
            let db = crate::startup::connect(&settings.database_url).await?;
            let tables = db
                .query_one_raw(sea_orm::Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT count(*)::bigint AS n FROM information_schema.tables WHERE table_schema = 'public'",
                ))
                .await?
                .map(|row| row.try_get::<i64>("", "n"))
                .transpose()?
                .unwrap_or(0);
            db.close().await.ok();
            if tables > 0 {
                bail!("the database already has tables; restore into an empty database");
            }
            run(
                std::process::Command::new("pg_restore")
                    .arg("--no-owner")
                    .arg("--exit-on-error")
                    .arg("--dbname")
                    .arg(&settings.database_url)
                    .arg(dir.join(PG_FILE)),
                "pg_restore",
            )?;
        }
        (kind, _) => {
            bail!("this is a backup of a {kind} database, but DATABASE_URL names another kind")
        }
    }
    std::fs::create_dir_all(&settings.files_dir)?;
    copy_new_files(&dir.join(FILES), &settings.files_dir)?;
    if manifest.key {
        if let Some(parent) = settings.key_file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(dir.join(KEY), &settings.key_file)?;
    }
    let db = crate::startup::connect(&settings.database_url).await?;
    {
        use migrations::{Migrator, MigratorTrait};
        Migrator::up(&db, None).await?;
    }
    Ok(manifest)
}

/// The storage keys of every supporting file the backed-up database names.
async fn named_files(
    settings: &Settings,
    dir: &Path,
    database: &str,
) -> anyhow::Result<Vec<String>> {
    // SQLite: read the copy itself. PostgreSQL: the snapshot was taken from the live database;
    // reading it again now can only name more files (added since), never fewer that matter.
    let url = if database == "sqlite" {
        format!("sqlite://{}?mode=ro", dir.join(SQLITE_FILE).display())
    } else {
        settings.database_url.clone()
    };
    let db = sea_orm::Database::connect(url).await?;
    let keys: Vec<String> = evidence_file::Entity::find()
        .select_only()
        .column(evidence_file::Column::StorageKey)
        .into_tuple()
        .all(&db)
        .await?;
    db.close().await.ok();
    Ok(keys)
}

/// Copies every file under `from` not yet under `to` (never a half-written `.partial`).
fn copy_new_files(from: &Path, to: &Path) -> anyhow::Result<()> {
    if !from.exists() {
        return Ok(());
    }
    for shard in std::fs::read_dir(from)? {
        let shard = shard?;
        if !shard.file_type()?.is_dir() {
            continue;
        }
        let target_dir = to.join(shard.file_name());
        for file in std::fs::read_dir(shard.path())? {
            let file = file?;
            let name = file.file_name();
            if !file.file_type()?.is_file()
                || Path::new(&name).extension().is_some_and(|e| e == "partial")
            {
                continue;
            }
            let target = target_dir.join(&name);
            if !target.exists() {
                std::fs::create_dir_all(&target_dir)?;
                std::fs::copy(file.path(), &target)
                    .with_context(|| format!("copying {}", file.path().display()))?;
            }
        }
    }
    Ok(())
}

/// `dir` must not exist, or be an empty folder.
fn empty_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        bail!("{} is not empty; choose a new folder", dir.display());
    }
    Ok(())
}

fn run(command: &mut std::process::Command, name: &str) -> anyhow::Result<()> {
    let output = command.output().with_context(|| {
        format!("{name} could not be started: is the PostgreSQL client installed?")
    })?;
    if !output.status.success() {
        bail!(
            "{name} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
