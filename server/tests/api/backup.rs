//! Backups: taken while the server runs, restored into an empty place, and read back whole —
//! the entries, a supporting file's bytes and the badge key (on SQLite and on PostgreSQL).

use crate::common::*;
use crate::evidence::{PDF, form, upload};
use app::db::entities::{evidence_entry, evidence_file};
use sea_orm::{Database, EntityTrait, PaginatorTrait};
use server::Settings;
use std::collections::HashMap;

fn settings(database_url: &str, files: &std::path::Path, key: &std::path::Path) -> Settings {
    let vars: HashMap<&str, String> = [
        ("DATABASE_URL", database_url.to_owned()),
        ("WAYMARK_FILES_DIR", files.display().to_string()),
        ("WAYMARK_KEY_FILE", key.display().to_string()),
    ]
    .into_iter()
    .collect();
    Settings::from_lookup(|name| vars.get(name).cloned()).expect("settings")
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir()
        .join("waymark-tests")
        .join(format!("{name}-{}", hex_id()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_whole_into_an_empty_place() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let client = app.signed_in(STAFF).await;
    let sam = user(&app, STAFF).await;
    let id = app::db::evidence::save(&app.db, &sam, None, 0, &form(), chrono::Utc::now())
        .await
        .expect("saves");
    let to = upload(&app, &client, id, 0, "slides.pdf", PDF.to_vec()).await;
    assert!(!to.contains("__err"), "{to}");
    let key_file = app.files_dir.with_extension("key.json");
    std::fs::write(&key_file, br#"{"a":"test key"}"#).expect("a key");
    let live = settings(&app.database_url, &app.files_dir, &key_file);

    let dir = scratch("backup");
    let manifest = server::backup::backup(&live, &dir).await.expect("backs up");
    assert_eq!((manifest.files_named, manifest.files_missing), (1, 0));
    assert!(manifest.key);
    // Not over an earlier one.
    assert!(server::backup::backup(&live, &dir).await.is_err());

    let target_db = fresh_database_url().await;
    let target_files = scratch("restored-files");
    let target_key = scratch("restored-key").with_extension("json");
    let target = settings(&target_db, &target_files, &target_key);
    server::backup::restore(&target, &dir)
        .await
        .expect("restores");

    let restored = Database::connect(&target_db).await.expect("opens");
    let count = |db| async move {
        evidence_entry::Entity::find()
            .count(db)
            .await
            .expect("counts")
    };
    assert_eq!(count(&restored).await, count(&app.db).await);
    let file = evidence_file::Entity::find()
        .one(&restored)
        .await
        .expect("query")
        .expect("the file's row");
    let bytes = std::fs::read(
        target_files
            .join(&file.storage_key[..2])
            .join(&file.storage_key),
    )
    .expect("the file's bytes");
    assert_eq!(bytes, PDF);
    assert_eq!(
        std::fs::read(&target_key).expect("key"),
        br#"{"a":"test key"}"#
    );
    // Never over a database, files or key that are already there.
    assert!(server::backup::restore(&target, &dir).await.is_err());
    restored.close().await.ok();
    for path in [&dir, &target_files] {
        std::fs::remove_dir_all(path).ok();
    }
    std::fs::remove_file(&target_key).ok();
}
