//! Building the application: connect and migrate the database, assemble the router, bind the
//! listener. Tests call `Application::build` with port 0 and a fresh database.

use crate::config::Settings;
use crate::middleware;
use crate::state::AppState;
use app::{App, shell};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Router, middleware as axum_middleware};
use leptos::prelude::provide_context;
use leptos_axum::ErrorHandler;
use leptos_axum::{LeptosRoutes, generate_route_list};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

/// A built, bound, not-yet-running server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    pub db: DatabaseConnection,
    /// The server's memory between requests (the same one its handlers use).
    pub kept: app::db::kept::Kept,
}

impl Application {
    /// Connects to the database, applies migrations, and binds `settings.leptos.site_addr`.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = connect(&settings.database_url).await?;
        Migrator::up(&db, None).await?;
        let listener = TcpListener::bind(settings.leptos.site_addr).await?;
        let mailer = app::mail::Mailer::new(
            settings.smtp_url.as_ref().map(|s| s.0.as_str()),
            &settings.mail_from,
            &settings.base_url,
        )
        .map_err(|reason| anyhow::anyhow!("e-mail settings: {reason}"))?;
        let files: app::storage::Files =
            std::sync::Arc::new(app::storage::DiskStore::new(&settings.files_dir));
        let kept = app::db::kept::Kept::default();
        let seal = app::db::recognition::badge::Seal::new(&settings.key_file);
        let providers = crate::sso::Providers::new(&settings.sso, &settings.base_url)?;
        let router = router(AppState {
            leptos_options: settings.leptos.clone(),
            db: db.clone(),
            settings,
            files,
            mailer,
            kept: kept.clone(),
            seal,
            providers,
        });
        Ok(Self {
            listener,
            router,
            db,
            kept,
        })
    }

    /// The address actually bound (useful when the port was 0).
    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process is asked to stop.
    pub async fn run(self) -> std::io::Result<()> {
        axum::serve(
            no_delay(self.listener),
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }

    /// Serves until `stop` resolves (tests use this to stop a server).
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            no_delay(self.listener),
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stop)
        .await
    }
}

/// Sends each response as soon as it is written: without `TCP_NODELAY`, the last small piece
/// of a response can wait for the browser's delayed acknowledgement (40 ms on Linux).
fn no_delay(listener: TcpListener) -> axum::serve::TapIo<TcpListener, fn(&mut TcpStream)> {
    use axum::serve::ListenerExt;
    fn set(tcp: &mut TcpStream) {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    }
    let set: fn(&mut TcpStream) = set;
    listener.tap_io(set)
}

/// Opens a pool on SQLite or PostgreSQL, creating the SQLite file's folder if needed.
pub async fn connect(database_url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(dir) =
        sqlite_file(database_url).and_then(|path| std::path::Path::new(path).parent())
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = ConnectOptions::new(database_url.to_owned());
    options
        .max_connections(16)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // A connection is checked only after lying idle: checking it on every acquire costs
        // each query a second round trip (on SQLite, a second hand-off to its thread).
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false)
        // On every SQLite connection (these are per connection, not per file): write-ahead
        // logging, so readers never block the writer; `synchronous = FULL`, so a commit is on
        // the disk before Waymark acknowledges it — with WAL, the faster NORMAL can lose the
        // last commits to a power cut, and an acknowledged verification must not be lost;
        // foreign keys enforced; and a writer waits up to five seconds for another's turn.
        .map_sqlx_sqlite_opts(|sqlite| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    let db = Database::connect(options).await?;
    Ok(db)
}

/// The file path in a `sqlite://path?…` URL (None for in-memory or other databases).
pub(crate) fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The whole router: health check, pages, server functions, static files, and the
/// middleware that every request passes through.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let db = state.db.clone();
    let files = state.files.clone();
    let mailer = state.mailer.clone();
    let kept = state.kept.clone();
    let seal = state.seal.clone();
    let offered = app::model::SsoOffer(state.providers.offered());
    let context = move || {
        provide_context(db.clone());
        provide_context(files.clone());
        provide_context(mailer.clone());
        provide_context(kept.clone());
        provide_context(seal.clone());
        provide_context(offered.clone());
    };
    // The site's files (the stylesheet, script and WebAssembly under `/pkg/`, the favicon), and
    // "Page not found" for any other address. Files are served by `ServeDir` alone, outside any
    // reactive owner: leptos's `file_and_error_handler` serves them inside a new `Owner`, whose
    // parent is whatever owner the worker thread last entered, so a page still streaming on that
    // thread lent a file its `ResponseOptions` (a script went out with that page's 403).
    let files = leptos_axum::site_pkg_dir_service(&state.leptos_options)
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(true)
        .fallback(ErrorHandler::new_with_context(
            context.clone(),
            shell,
            state.leptos_options.clone(),
        ));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/framework.json", get(crate::downloads::framework_json))
        .route(
            "/framework.case.json",
            get(crate::downloads::framework_case),
        )
        .route("/portfolio/my-data.json", get(crate::downloads::my_data))
        .route(
            "/manage/recognition/awards.csv",
            get(crate::downloads::awards_csv),
        )
        .route(
            "/awards/{id}/credential.json",
            get(crate::credentials::credential),
        )
        .route("/credentials/issuer", get(crate::credentials::issuer))
        .route(
            "/credentials/achievements/{rule}",
            get(crate::credentials::achievement),
        )
        .route("/sign-in/{provider}", get(crate::sso::start))
        .route("/sign-in/{provider}/callback", get(crate::sso::callback))
        .route(
            "/evidence/{id}/files/{file}",
            get(crate::downloads::evidence_file),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback_service(files)
        .layer(axum_middleware::from_fn(middleware::error_status))
        .layer(axum_middleware::from_fn_with_state(
            state.clone(),
            middleware::session,
        ))
        .layer(axum_middleware::from_fn(crate::limits::body_limit))
        .layer(axum_middleware::from_fn_with_state(
            state.clone(),
            middleware::request_safety,
        ))
        .with_state(state)
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(db): State<DatabaseConnection>) -> impl IntoResponse {
    match app::db::ping(&db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(%err, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::{connect, sqlite_file};
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_sqlite_connection_commits_to_disk_in_write_ahead_mode() {
        let dir = std::env::temp_dir().join(format!("waymark-durability-{}", std::process::id()));
        let url = format!("sqlite://{}/w.db?mode=rwc", dir.display());
        let db = connect(&url).await.expect("connects");
        // Several at once, so the pool opens several connections: each must say the same.
        let ask = |pragma: &'static str| {
            let db = db.clone();
            async move {
                let row = db
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        format!("PRAGMA {pragma}"),
                    ))
                    .await
                    .expect("answers")
                    .expect("a row");
                row.try_get_by_index::<String>(0)
                    .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                    .expect("a value")
            }
        };
        let tasks = [
            "synchronous",
            "synchronous",
            "synchronous",
            "journal_mode",
            "foreign_keys",
        ]
        .map(|pragma| tokio::spawn(ask(pragma)));
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("runs"));
        }
        // FULL is 2.
        assert_eq!(answers, ["2", "2", "2", "wal", "1"]);
        db.close().await.ok();
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn the_sqlite_file_is_read_from_the_url() {
        assert_eq!(
            sqlite_file("sqlite://data/waymark.db?mode=rwc"),
            Some("data/waymark.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/waymark"), None);
    }
}
