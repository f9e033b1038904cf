//! Where supporting files' bytes live: outside the database, behind a small interface so a
//! trust could put them in object storage instead. Keys are chosen by Waymark (random UUIDs),
//! never by the people uploading, so a file name can never reach the file system.

use std::future::Future;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

type Io<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// Keeps and returns files' bytes by key.
pub trait FileStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing nothing (keys are fresh).
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> Io<'a, ()>;
    /// The bytes stored under `key`.
    fn get<'a>(&'a self, key: &'a str) -> Io<'a, Vec<u8>>;
    /// Forgets `key`; forgetting a missing key is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> Io<'a, ()>;
}

/// The store the server was configured with, shared by every request.
pub type Files = Arc<dyn FileStore>;

/// A folder on the server's disk: `<root>/<first two characters of the key>/<key>`.
pub struct DiskStore {
    root: PathBuf,
}

impl DiskStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        Ok(self.root.join(Self::relative_path(key)?))
    }

    /// Where the file with `key` lies under the store's folder (backups copy the same layout).
    pub fn relative_path(key: &str) -> io::Result<PathBuf> {
        // Keys are ours, but a store should not trust its callers with paths either.
        if key.len() < 8 || !key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "bad storage key",
            ));
        }
        Ok(PathBuf::from(&key[..2]).join(key))
    }
}

impl FileStore for DiskStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> Io<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            if let Some(dir) = path.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            // Written aside then renamed, so a reader never sees half a file.
            let partial = path.with_extension("partial");
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> Io<'a, Vec<u8>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }

    fn delete<'a>(&'a self, key: &'a str) -> Io<'a, ()> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_stored_file_comes_back_and_is_gone_once_deleted() {
        let root = std::env::temp_dir().join(format!("waymark-store-{}", uuid::Uuid::new_v4()));
        let store = DiskStore::new(&root);
        let key = uuid::Uuid::new_v4().to_string();
        store.put(&key, b"hello").await.expect("stored");
        assert_eq!(store.get(&key).await.expect("read"), b"hello");
        store.delete(&key).await.expect("deleted");
        assert!(store.get(&key).await.is_err());
        store.delete(&key).await.expect("deleting twice is fine");
        let _ = std::fs::remove_dir_all(root);
    }

    #[tokio::test]
    async fn keys_that_could_leave_the_folder_are_refused() {
        let store = DiskStore::new(std::env::temp_dir());
        for key in ["../../etc/passwd", "/etc/passwd", "short", "abcdefgh/../x"] {
            assert!(store.get(key).await.is_err(), "{key}");
        }
    }
}
