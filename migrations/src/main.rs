//! `cargo run -p migrations -- up|down|status|fresh`: sea-orm's migration CLI over `DATABASE_URL`.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}
