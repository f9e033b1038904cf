//! A real Waymark server on a random port, over a freshly migrated database: SQLite by
//! default, PostgreSQL when `WAYMARK_TEST_POSTGRES` names a server
//! (e.g. `postgres://postgres@127.0.0.1:55432`); each test gets its own database.

#![allow(dead_code)]

use app::db::entities::person;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait};
use server::{Application, Settings};
use std::collections::HashMap;
use std::sync::OnceLock;

pub const PASSWORD: &str = "correct horse battery staple";

/// People of the test trust, by e-mail.
pub const STAFF: &str = "staff@test.example";
pub const MANAGER: &str = "manager@test.example";
pub const HR: &str = "hr@test.example";
pub const ADMIN: &str = "admin@test.example";
pub const PD_LEAD: &str = "pdlead@test.example";
pub const OTHER_ACADEMY_TEACHER: &str = "other@test.example";
pub const LEFT: &str = "left@test.example";
/// Hana Head: Mina's line manager, so above Sam in the line.
pub const HEAD: &str = "head@test.example";
/// Paz: the professional-development lead of Sam's own academy.
pub const HOME_PD_LEAD: &str = "homepd@test.example";

mod seed;
pub mod smtp;

use seed::seed;

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    /// The database this server uses (its own, made for the test).
    pub database_url: String,
    /// The server's memory between requests, for services the tests call directly.
    pub kept: app::db::kept::Kept,
    /// Where this server keeps supporting files.
    pub files_dir: std::path::PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _one_at_a_time: tokio::sync::OwnedMutexGuard<()>,
}

/// Tests in one binary take turns. Several Leptos apps rendering at once in one process, each
/// on its own tokio runtime, now and then lose a wake-up and a page never finishes; one app
/// per process, as in production, does not (checked with 400 concurrent requests).
fn turn() -> std::sync::Arc<tokio::sync::Mutex<()>> {
    static TURN: OnceLock<std::sync::Arc<tokio::sync::Mutex<()>>> = OnceLock::new();
    TURN.get_or_init(Default::default).clone()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = std::fs::remove_dir_all(&self.files_dir);
        let _ = std::fs::remove_file(self.files_dir.with_extension("key.json"));
    }
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| app::db::auth::hash_password(PASSWORD).expect("hashes"))
}

/// A new, empty database: a SQLite file, or a PostgreSQL database on the test server.
pub async fn fresh_database_url() -> String {
    let name = format!("waymark_test_{}", hex_id());
    match std::env::var("WAYMARK_TEST_POSTGRES") {
        Ok(base) if !base.is_empty() => {
            let base = base.trim_end_matches('/');
            let admin = Database::connect(format!("{base}/postgres"))
                .await
                .expect("PostgreSQL test server answers");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("creates a test database");
            admin.close().await.ok();
            format!("{base}/{name}")
        }
        _ => {
            let dir = std::env::temp_dir().join("waymark-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            format!("sqlite://{}/{name}.db?mode=rwc", dir.display())
        }
    }
}

pub fn hex_id() -> String {
    (0..16)
        .map(|_| format!("{:x}", rand::random::<u8>() % 16))
        .collect()
}

impl TestApp {
    /// Starts a server over a new database holding the test trust.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    pub async fn spawn_with(extra: &[(&str, &str)]) -> Self {
        let one_at_a_time = turn().lock_owned().await;
        let database_url = fresh_database_url().await;
        let mut vars: HashMap<String, String> = [
            ("DATABASE_URL".to_owned(), database_url.clone()),
            ("LEPTOS_SITE_ADDR".to_owned(), "127.0.0.1:0".to_owned()),
        ]
        .into_iter()
        .collect();
        let files_dir = std::env::temp_dir()
            .join("waymark-tests")
            .join(format!("files-{}", hex_id()));
        vars.insert(
            "WAYMARK_FILES_DIR".to_owned(),
            files_dir.display().to_string(),
        );
        let key_file = files_dir.with_extension("key.json");
        vars.insert(
            "WAYMARK_KEY_FILE".to_owned(),
            key_file.display().to_string(),
        );
        for (k, v) in extra {
            vars.insert((*k).to_owned(), (*v).to_owned());
        }
        let settings = Settings::from_lookup(|name| vars.get(name).cloned()).expect("settings");
        let app = Application::build(settings).await.expect("server builds");
        let address = format!("http://{}", app.address().expect("bound"));
        let db = app.db.clone();
        let kept = app.kept.clone();
        seed(&db).await;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Self {
            address,
            db,
            database_url: vars["DATABASE_URL"].clone(),
            kept,
            files_dir,
            stop: Some(stop),
            _one_at_a_time: one_at_a_time,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests check them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A server that never answers fails the test instead of hanging it.
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .expect("client")
    }

    /// Posts the sign-in form as a browser without JavaScript would.
    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/api/sign_in"))
            .header("accept", "text/html")
            .header("origin", &self.address)
            .header("referer", self.url("/sign-in"))
            .form(&[("email", email), ("password", password), ("next", "/")])
            .send()
            .await
            .expect("sign-in answers")
    }

    /// A client already signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let response = self.sign_in(&client, email, PASSWORD).await;
        assert_eq!(
            location(&response).as_deref(),
            Some("/"),
            "{email} signs in"
        );
        client
    }

    /// Fetches a path on this server, or a whole address (such as a redirect's).
    pub async fn get(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            self.url(path)
        };
        let response = client.get(url).send().await.expect("answers");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }
}

/// Publishes the demo framework and adds a draft (not open for consultation). Returns
/// (published id, draft id).
pub async fn with_framework(app: &TestApp) -> (i64, i64) {
    use app::db::framework;
    use app::domain::framework::{FrameworkDocument, VersionStatus};
    let doc: FrameworkDocument =
        serde_json::from_str(server::demo::FRAMEWORK_JSON).expect("demo json");
    let now = chrono::Utc::now();
    let published = framework::insert_document(&app.db, &doc, VersionStatus::Published, now)
        .await
        .expect("published");
    let mut draft = doc.clone();
    draft.name = "Next year's framework (secret draft)".into();
    let draft = framework::insert_document(&app.db, &draft, VersionStatus::Draft, now)
        .await
        .expect("draft");
    (published, draft)
}

pub async fn user(app: &TestApp, email: &str) -> app::model::CurrentUser {
    use sea_orm::{ColumnTrait, QueryFilter};
    let model = person::Entity::find()
        .filter(person::Column::Email.eq(email))
        .one(&app.db)
        .await
        .expect("query")
        .expect("person");
    app::db::auth::current_user(&app.db, model)
        .await
        .expect("user")
}

impl TestApp {
    /// Posts a form to a server function as a browser without JavaScript would, from the page
    /// at `from`. Returns the status and where it redirects.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        from: &str,
        fields: &[(&str, &str)],
    ) -> (u16, Option<String>) {
        let response = client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "text/html")
            .header("origin", &self.address)
            .header("referer", self.url(from))
            .form(fields)
            .send()
            .await
            .expect("answers");
        (response.status().as_u16(), location(&response))
    }
}

impl TestApp {
    /// How many files are kept in this server's file store.
    pub fn stored_files(&self) -> usize {
        fn count(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| {
                            if e.path().is_dir() {
                                count(&e.path())
                            } else {
                                1
                            }
                        })
                        .sum()
                })
                .unwrap_or(0)
        }
        count(&self.files_dir)
    }
}

pub fn location(response: &reqwest::Response) -> Option<String> {
    header(response, "location").map(str::to_owned)
}

/// A response header's value, if it is there and is text.
pub fn header<'r>(response: &'r reqwest::Response, name: &str) -> Option<&'r str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}
