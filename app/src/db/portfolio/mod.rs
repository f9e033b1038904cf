//! Progression portfolios: built from a person's verified evidence (and, for those allowed to
//! see it, what is waiting for verification), against the published framework.

pub mod sharing;

use super::framework::{published_document, read_published, with_published_columns};
use super::org::academy_name_of_person;
use crate::db::entities::{
    activity_type, evidence_claim, evidence_entry, evidence_place, pathway_follower, person,
    portfolio_summary,
};
use crate::db::evidence::standing;
use crate::domain::evidence::EvidenceStatus;
use crate::domain::portfolio::{
    Term, academic_year_label, academic_year_span, academic_year_start, current_levels,
    may_see_portfolio, pathway_progress, term_of, timeline_year,
};
use crate::domain::summary::{CountedEntry, Summary, Totals};
use crate::domain::text::{format_hours, long_date};
use crate::error::AppError;
use crate::model::{
    CoverageCell, CoverageRow, CurrentUser, Figures, PathwayProgressView, Portfolio,
    PortfolioFilters, TermActivity, TimelineEntry,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Condition, Expr, Func, OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QuerySelect, QueryTrait, RelationTrait, Select,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// The portfolio of `person` (the signed-in person's own when `None`), if `user` may see it.
pub async fn portfolio(
    db: &DatabaseConnection,
    user: &CurrentUser,
    person: Option<i64>,
    filters: &PortfolioFilters,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    let id = person.unwrap_or(user.actor.id.0);
    let read = async move { subject(db, id).await?.ok_or(AppError::NotFound) };
    if id == user.actor.id.0 {
        // Everyone may see their own: the person is read alongside the rest.
        return build(db, id, read, filters, true, false, now).await;
    }
    let subject = read.await?;
    let standing = standing(db, user, &subject.person, now).await?;
    if !may_see_portfolio(standing) {
        return Err(AppError::NotFound);
    }
    build(
        db,
        id,
        async { Ok(subject) },
        filters,
        standing.owner,
        false,
        now,
    )
    .await
}

/// A person whose portfolio is asked for, with what their portfolio needs from beside their row.
pub(super) struct Subject {
    pub person: person::Model,
    /// Their academy's name.
    academy: Option<String>,
    /// Their kept summary's figures, when counted at their current evidence revision.
    kept: Option<String>,
    /// The published framework version's id and UUID.
    published: Option<(i64, String)>,
    /// The UUIDs of the pathways they follow.
    followed: BTreeSet<String>,
}

/// The person with `id`, their academy's name, their kept summary, which framework version is
/// published and which pathways they follow, in one query.
pub(super) async fn subject(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<Subject>, AppError> {
    use portfolio_summary::Column::{Figures, PersonId, Revision};
    use sea_orm::sea_query::ExprTrait;
    let query = with_published_columns(person::Entity::find_by_id(id))
        .expr_as(academy_name_of_person(), "academy_name")
        .expr_as(
            Query::select()
                .column(Figures)
                .from(portfolio_summary::Entity)
                .and_where(
                    Expr::col((portfolio_summary::Entity, PersonId))
                        .equals((person::Entity, person::Column::Id)),
                )
                .and_where(
                    Expr::col((portfolio_summary::Entity, Revision))
                        .equals((person::Entity, person::Column::EvidenceRevision)),
                )
                .to_owned(),
            "kept_summary",
        )
        .expr_as(
            followed_pathways(db.get_database_backend()),
            "followed_pathways",
        )
        .into_query();
    let Some(row) = db.query_one(&query).await? else {
        return Ok(None);
    };
    Ok(Some(Subject {
        person: person::Model::from_query_result(&row, "")?,
        academy: row.try_get("", "academy_name")?,
        kept: row.try_get("", "kept_summary")?,
        published: read_published(&row)?,
        followed: row
            .try_get::<Option<String>>("", "followed_pathways")?
            .unwrap_or_default()
            .split(',')
            .filter(|uuid| !uuid.is_empty())
            .map(str::to_owned)
            .collect(),
    }))
}

/// The UUIDs of the pathways the person in the outer query follows, joined by commas (a UUID
/// has none), as a scalar subquery: SQLite's `group_concat`, PostgreSQL's `string_agg`.
fn followed_pathways(backend: DbBackend) -> SelectStatement {
    use pathway_follower::Column::{PathwayUuid, PersonId};
    // In scope here only: its `max` would shadow `Ord::max` on the numbers elsewhere.
    use sea_orm::sea_query::ExprTrait;
    let join = match backend {
        DbBackend::Postgres => "string_agg",
        _ => "group_concat",
    };
    Query::select()
        .expr(
            Func::cust(join)
                .arg(Expr::col((pathway_follower::Entity, PathwayUuid)))
                .arg(","),
        )
        .from(pathway_follower::Entity)
        .and_where(
            Expr::col((pathway_follower::Entity, PersonId))
                .equals((person::Entity, person::Column::Id)),
        )
        .to_owned()
}

/// The entries of `subject` in `status`, started within `span` (from, until) when given.
fn entries_of(
    subject: i64,
    status: EvidenceStatus,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Select<evidence_entry::Entity> {
    let query = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(subject))
        .filter(evidence_entry::Column::Status.eq(status.code()));
    match span {
        Some(span) => query.filter(within(span)),
        None => query,
    }
}

/// A count or level from the database as a `u32` (never negative; saturating).
fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// The ids of the entries a query finds, as a subquery.
fn ids_of(query: Select<evidence_entry::Entity>) -> SelectStatement {
    query
        .select_only()
        .column(evidence_entry::Column::Id)
        .into_query()
}

/// An entry started within `span` (from, until).
fn within(span: (NaiveDate, NaiveDate)) -> Condition {
    Condition::all()
        .add(evidence_entry::Column::StartedOn.gte(span.0))
        .add(evidence_entry::Column::StartedOn.lt(span.1))
}

/// A claim at `level` (see [`claim_level`]).
fn claim_at(level: u32) -> Expr {
    use sea_orm::sea_query::ExprTrait;
    claim_level().eq(i32::try_from(level).unwrap_or(i32::MAX))
}

/// A claim's level: the verified one once there is one.
fn claim_level() -> Expr {
    Func::coalesce([
        Expr::col((
            evidence_claim::Entity,
            evidence_claim::Column::VerifiedLevel,
        )),
        Expr::col((evidence_claim::Entity, evidence_claim::Column::ClaimedLevel)),
    ])
    .into()
}

/// What `subject`'s evidence adds up to: their kept summary when there is one counted at their
/// current evidence revision; otherwise counted now, and kept for next time.
async fn summary(db: &impl ConnectionTrait, subject: &Subject) -> Result<Arc<Summary>, AppError> {
    if let Some(kept) = &subject.kept {
        match read_kept(subject.person.id, kept) {
            Ok(summary) => return Ok(summary),
            Err(e) => tracing::warn!(
                person = subject.person.id,
                "a kept portfolio summary did not read back, so it is counted afresh: {e}"
            ),
        }
    }
    let summary = count_summary(db, subject.person.id).await?;
    keep(db, &subject.person, &summary).await;
    Ok(Arc::new(summary))
}

/// A kept summary's figures read back. Reading is a pure function of the text, so the last
/// text read for each person is remembered with what it read as (up to [`REMEMBERED`] people),
/// and the same text is not read twice.
fn read_kept(person: i64, figures: &str) -> Result<Arc<Summary>, serde_json::Error> {
    type Read = Mutex<HashMap<i64, (String, Arc<Summary>)>>;
    static READ: OnceLock<Read> = OnceLock::new();
    let read = READ.get_or_init(Default::default);
    if let Ok(read) = read.lock()
        && let Some((text, summary)) = read.get(&person)
        && text == figures
    {
        return Ok(summary.clone());
    }
    let summary = Arc::new(serde_json::from_str::<Summary>(figures)?);
    if let Ok(mut read) = read.lock() {
        if read.len() >= REMEMBERED {
            read.clear();
        }
        read.insert(person, (figures.to_owned(), summary.clone()));
    }
    Ok(summary)
}

/// How many people's summaries [`read_kept`] remembers at most.
const REMEMBERED: usize = 4_096;

/// Counts what `owner`'s verified and waiting evidence adds up to.
async fn count_summary(db: &impl ConnectionTrait, owner: i64) -> Result<Summary, AppError> {
    use EvidenceStatus::{Submitted, Verified};
    let counted = || {
        evidence_entry::Entity::find()
            .filter(evidence_entry::Column::OwnerId.eq(owner))
            .filter(evidence_entry::Column::Status.is_in([Verified.code(), Submitted.code()]))
    };
    let entries = counted()
        .select_only()
        .columns([
            evidence_entry::Column::Id,
            evidence_entry::Column::Status,
            evidence_entry::Column::StartedOn,
            evidence_entry::Column::HoursQuarters,
            evidence_entry::Column::PeopleReached,
        ])
        .into_tuple::<(i64, String, Option<NaiveDate>, Option<i32>, Option<i32>)>()
        .all(db);
    let claims = evidence_claim::Entity::find()
        .select_only()
        .column(evidence_claim::Column::EntryId)
        .column(evidence_claim::Column::ElementUuid)
        .expr_as(claim_level(), "level")
        .filter(evidence_claim::Column::EntryId.in_subquery(ids_of(counted())))
        .into_tuple::<(i64, String, i32)>()
        .all(db);
    let places = evidence_place::Entity::find()
        .select_only()
        .columns([
            evidence_place::Column::EntryId,
            evidence_place::Column::AcademyId,
        ])
        .filter(
            evidence_place::Column::EntryId.in_subquery(ids_of(entries_of(owner, Verified, None))),
        )
        .into_tuple::<(i64, i64)>()
        .all(db);
    let (entries, claims, places) = tokio::try_join!(entries, claims, places)?;
    let entries: Vec<CountedEntry> = entries
        .into_iter()
        .filter_map(|(id, status, started_on, quarters, people)| {
            Some(CountedEntry {
                id,
                status: EvidenceStatus::from_code(&status)?,
                started_on,
                quarters: quarters.unwrap_or(0).into(),
                people: people.unwrap_or(0).into(),
            })
        })
        .collect();
    let claims = claims
        .into_iter()
        .map(|(entry, uuid, level)| (entry, uuid, count(level.into())));
    Ok(Summary::count(&entries, claims, places))
}

/// Keeps `summary` as counted at `subject`'s evidence revision, unless one counted at a later
/// revision is kept already. Failing to keep it costs only a recount, so it is logged, not
/// shown.
async fn keep(db: &impl ConnectionTrait, subject: &person::Model, summary: &Summary) {
    use portfolio_summary::Column;
    use sea_orm::sea_query::ExprTrait;
    let figures = match serde_json::to_string(summary) {
        Ok(figures) => figures,
        Err(e) => {
            tracing::warn!(
                person = subject.id,
                "could not write a portfolio summary: {e}"
            );
            return;
        }
    };
    let row = portfolio_summary::ActiveModel {
        person_id: Set(subject.id),
        revision: Set(subject.evidence_revision),
        figures: Set(figures),
    };
    let newer_only = OnConflict::column(Column::PersonId)
        .update_columns([Column::Revision, Column::Figures])
        .action_and_where(
            Expr::col((portfolio_summary::Entity, Column::Revision)).lt(subject.evidence_revision),
        )
        .to_owned();
    let kept = portfolio_summary::Entity::insert(row)
        .on_conflict(newer_only)
        .exec_without_returning(db)
        .await;
    if let Err(e) = kept {
        tracing::warn!(
            person = subject.id,
            "could not keep a portfolio summary: {e}"
        );
    }
}

/// An entry as listed, with the framework elements it shows.
struct Listed {
    id: i64,
    title: String,
    started_on: Option<NaiveDate>,
    activity: Option<String>,
    /// (element row, level), in framework order.
    claims: Vec<(usize, u32)>,
}

/// An entry as the listing query reads it: a row per claim (or one for an entry without any).
type ListingRow = (
    i64,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    Option<i32>,
);

/// The entries `query` finds, with their activity and claims, in one query. In no order: [`listed`]
/// puts them newest first, cheaper than the database's sort on two keys.
async fn listing(
    db: &impl ConnectionTrait,
    query: Select<evidence_entry::Entity>,
) -> Result<Vec<ListingRow>, AppError> {
    Ok(query
        .select_only()
        .columns([
            evidence_entry::Column::Id,
            evidence_entry::Column::Title,
            evidence_entry::Column::StartedOn,
        ])
        .column_as(activity_type::Column::Name, "activity")
        .column(evidence_claim::Column::ElementUuid)
        .expr_as(claim_level(), "level")
        .join(
            JoinType::LeftJoin,
            evidence_entry::Relation::ActivityType.def(),
        )
        .join(
            JoinType::LeftJoin,
            evidence_claim::Relation::Entry.def().rev(),
        )
        .into_tuple::<ListingRow>()
        .all(db)
        .await?)
}

/// The entries of a [`listing`], each with the elements (by row in `by_uuid`) it shows.
fn listed(rows: Vec<ListingRow>, by_uuid: &HashMap<&str, usize>) -> Vec<Listed> {
    let mut listed: Vec<Listed> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (id, title, started_on, activity, uuid, level) in rows {
        let index = *at.entry(id).or_insert_with(|| {
            listed.push(Listed {
                id,
                title,
                started_on,
                activity,
                claims: Vec::new(),
            });
            listed.len() - 1
        });
        // Elements no longer in the framework are left out.
        if let (Some(&row), Some(level)) =
            (uuid.as_deref().and_then(|uuid| by_uuid.get(uuid)), level)
        {
            listed[index].claims.push((row, count(level.into())));
        }
    }
    // Newest first; undated last; the later entered first on the same day.
    listed.sort_unstable_by_key(|e| std::cmp::Reverse((e.started_on, e.id)));
    for entry in &mut listed {
        entry.claims.sort_unstable();
    }
    listed
}

/// Builds the portfolio of person `id`, read by `subject`. `shared`: only verified evidence,
/// for a share link.
///
/// The figures, the matrix and the chart come from the person's summary (kept, and counted
/// afresh only after their evidence changed); only the entries the timeline lists (one academic
/// year unless every year is asked for) are read one by one. What does not depend on the
/// summary is read alongside the person, so a portfolio is most often one round trip.
pub(super) async fn build(
    db: &impl ConnectionTrait,
    id: i64,
    subject: impl Future<Output = Result<Subject, AppError>>,
    filters: &PortfolioFilters,
    own: bool,
    shared: bool,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    use EvidenceStatus::Verified;
    let this_year = academic_year_start(now.date_naive());
    let span = filters.year.map(academic_year_span);
    let verified = |span| entries_of(id, Verified, span);

    // Unless a year is chosen, the timeline lists the latest year with verified activity,
    // which only the summary tells. It is most often this one, so this year's entries are read
    // alongside, and read again only for someone whose latest activity is older.
    let guessed_year = timeline_year(filters.year, filters.timeline, &[this_year]);
    let guessed = listing(db, verified(guessed_year.map(academic_year_span)));
    let (subject, guessed) = tokio::try_join!(subject, guessed)?;
    let (doc, summary) = tokio::try_join!(
        published_document(db, subject.published.clone()),
        summary(db, &subject)
    )?;
    let person = &subject.person;
    let (academies, academies_this_year) = summary.academies_reached(person.academy_id, this_year);
    let verified_counts = summary.claim_counts(true, filters.year);
    let waiting_counts = if shared {
        Vec::new()
    } else {
        summary.claim_counts(false, filters.year)
    };
    // Current levels are the whole record, whatever the year.
    let all_verified_counts = filters.year.map(|_| summary.claim_counts(true, None));
    let months = &summary.months;

    let levels: Vec<String> = doc
        .iter()
        .flat_map(|d| d.levels.iter().map(|l| l.name.clone()))
        .collect();
    let level_name = |rank: u32| {
        levels
            .get((rank as usize).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| format!("Level {rank}"))
    };
    let strands: Vec<String> = doc
        .iter()
        .flat_map(|d| d.strands.iter().map(|s| s.name.clone()))
        .collect();
    // Every element of the published framework: (uuid, code, title, strand index).
    let elements: Vec<(String, String, String, usize)> = doc
        .iter()
        .flat_map(|d| {
            d.strands.iter().enumerate().flat_map(|(i, s)| {
                s.elements.iter().map(move |e| {
                    (
                        e.id.clone().unwrap_or_default(),
                        e.code.clone(),
                        e.title.clone(),
                        i,
                    )
                })
            })
        })
        .collect();
    let by_uuid: HashMap<&str, usize> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.0.as_str(), i))
        .collect();

    let (mut all_time, mut in_this_year) = (Totals::default(), Totals::default());
    for (first, month) in months {
        all_time += *month;
        // Academic years begin on the first of a month, so a month lies wholly in one.
        if first.is_some_and(|d| academic_year_start(d) == this_year) {
            in_this_year += *month;
        }
    }
    let figures = |m: Totals, academies: u32| Figures {
        activities: count(m.activities),
        hours: format_hours(i32::try_from(m.quarters.max(0)).unwrap_or(i32::MAX))
            .trim_end_matches(" hours")
            .trim_end_matches(" hour")
            .to_owned(),
        academies,
        people: count(m.people),
    };

    let current = current_levels(
        all_verified_counts
            .as_ref()
            .unwrap_or(&verified_counts)
            .iter()
            .filter_map(|(uuid, level, _)| {
                by_uuid
                    .get(uuid)
                    .map(|row| (elements[*row].1.as_str(), *level))
            }),
    );
    let mut rows: Vec<CoverageRow> = elements
        .iter()
        .map(|(_, code, title, strand)| CoverageRow {
            code: code.clone(),
            title: title.clone(),
            strand: strands[*strand].clone(),
            current: current.get(code).map(|l| level_name(*l)),
            cells: vec![CoverageCell::default(); levels.len()],
        })
        .collect();
    for (counts, is_verified) in [(&verified_counts, true), (&waiting_counts, false)] {
        for (uuid, level, n) in counts {
            let Some(cell) = by_uuid
                .get(uuid)
                .and_then(|row| rows[*row].cells.get_mut((*level as usize).wrapping_sub(1)))
            else {
                continue; // an element or level no longer in the framework
            };
            if is_verified {
                cell.verified += n;
            } else {
                cell.pending += n;
            }
        }
    }
    let rows: Vec<CoverageRow> = rows
        .into_iter()
        .zip(elements.iter())
        .filter(|(_, (_, _, _, strand))| filters.strand.is_none_or(|s| s == strand + 1))
        .map(|(row, _)| row)
        .collect();

    // Verified activities per term and per academic year, from the monthly counts.
    let mut per_term: BTreeMap<(i32, Term), u32> = BTreeMap::new();
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    for (first, month) in months {
        let Some(first) = first else { continue };
        let (year, term) = term_of(*first);
        let n = count(month.activities);
        *per_term.entry((year, term)).or_default() += n;
        *per_year.entry(year).or_default() += n;
    }
    let chart_years: Vec<i32> = match (filters.year, per_year.keys().next()) {
        (Some(year), _) => vec![year],
        (None, Some(first)) => (*first..=this_year.max(*first)).collect(),
        (None, None) => vec![this_year],
    };
    let chart = chart_years
        .iter()
        .flat_map(|year| {
            Term::ALL.iter().map(|term| {
                (
                    format!("{} {}", term.label(), term_year(*year, *term)),
                    per_term.get(&(*year, *term)).copied().unwrap_or(0),
                )
            })
        })
        .collect();
    let years: Vec<i32> = per_year.keys().copied().collect();
    let timeline_year = timeline_year(filters.year, filters.timeline, &years);

    // The timeline's entries and, when a cell was chosen, the entries behind it.
    let cell_query = match (&filters.element, filters.level) {
        (Some(code), Some(level)) => elements
            .iter()
            .position(|e| &e.1 == code)
            .map(|row| (row, level)),
        _ => None,
    };
    let timeline = async {
        if years.is_empty() {
            Ok(Vec::new())
        } else if timeline_year == guessed_year {
            Ok(guessed)
        } else {
            listing(db, verified(timeline_year.map(academic_year_span))).await
        }
    };
    let cell = async {
        let Some((row, level)) = cell_query else {
            return Ok(None);
        };
        let behind = evidence_claim::Entity::find()
            .select_only()
            .column(evidence_claim::Column::EntryId)
            .filter(evidence_claim::Column::ElementUuid.eq(elements[row].0.as_str()))
            .filter(claim_at(level))
            .into_query();
        let entries = listing(
            db,
            verified(span).filter(evidence_entry::Column::Id.in_subquery(behind)),
        )
        .await?;
        Ok::<_, AppError>(Some((row, level, listed(entries, &by_uuid))))
    };
    let (timeline, cell) = tokio::try_join!(timeline, cell)?;
    let timeline = listed(timeline, &by_uuid);

    let timeline_entry = |e: &Listed| TimelineEntry {
        id: e.id,
        title: e.title.clone(),
        date: e.started_on.map(long_date).unwrap_or_default(),
        activity: e.activity.clone().unwrap_or_default(),
        shows: e
            .claims
            .iter()
            .map(|(row, level)| format!("{} at {}", elements[*row].1, level_name(*level)))
            .collect(),
    };
    let mut terms: Vec<TermActivity> = Vec::new();
    for e in &timeline {
        let Some(date) = e.started_on else {
            continue;
        };
        let (year, term) = term_of(date);
        let label = format!("{} term {}", term.label(), term_year(year, term));
        match terms.last_mut() {
            Some(t) if t.label == label => t.entries.push(timeline_entry(e)),
            _ => terms.push(TermActivity {
                label,
                year: academic_year_label(year),
                entries: vec![timeline_entry(e)],
            }),
        }
    }
    let cell = cell.map(|(row, level, entries)| {
        (
            format!(
                "{} {} at {}",
                elements[row].1,
                elements[row].2,
                level_name(level)
            ),
            entries.iter().map(timeline_entry).collect(),
        )
    });

    let followed = &subject.followed;
    let pathways = doc
        .iter()
        .flat_map(|d| d.pathways.iter())
        .filter(|p| p.id.as_ref().is_some_and(|id| followed.contains(id)))
        .map(|p| {
            let targets: Vec<(String, u32)> = p
                .targets
                .iter()
                .map(|t| (t.element.clone(), t.level))
                .collect();
            let progress = pathway_progress(&targets, &current);
            let next = progress.next.as_ref().map(|step| {
                let title = elements
                    .iter()
                    .find(|e| e.1 == step.element)
                    .map(|e| e.2.clone())
                    .unwrap_or_default();
                let now = match step.current {
                    Some(level) => format!("verified at {} so far", level_name(level)),
                    None => "no verified evidence yet".to_owned(),
                };
                format!(
                    "Next: {} {title} at {} ({now}).",
                    step.element,
                    level_name(step.target)
                )
            });
            PathwayProgressView {
                id: p.id.clone().unwrap_or_default(),
                name: p.name.clone(),
                met: progress.met as u32,
                total: progress.total as u32,
                percent: progress.percent(),
                next,
            }
        })
        .collect();

    Ok(Portfolio {
        person_id: person.id,
        name: person.name.clone(),
        job_title: person.job_title.clone(),
        academy: subject.academy,
        own,
        shared,
        framework: doc.as_ref().map(|d| d.name.clone()).unwrap_or_default(),
        this_year: academic_year_label(this_year),
        this_year_figures: figures(in_this_year, academies_this_year),
        all_time: figures(all_time, academies),
        levels,
        strands,
        rows,
        pathways,
        terms,
        chart,
        academic_years: per_year
            .iter()
            .rev()
            .map(|(y, n)| (*y, academic_year_label(*y), *n))
            .collect(),
        timeline_year,
        strand_filter: filters.strand,
        year_filter: filters.year,
        cell,
    })
}

/// The calendar year a term falls in: autumn in the academic year's first, the rest in its
/// second.
fn term_year(academic_year: i32, term: Term) -> i32 {
    match term {
        Term::Autumn => academic_year,
        Term::Spring | Term::Summer => academic_year + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, day: Option<u32>, uuid: Option<&str>, level: i32) -> ListingRow {
        (
            id,
            format!("Entry {id}"),
            day.map(|d| NaiveDate::from_ymd_opt(2025, 10, d).expect("a date")),
            Some("Coaching".to_owned()),
            uuid.map(str::to_owned),
            uuid.map(|_| level),
        )
    }

    #[test]
    fn listed_entries_come_newest_first_whatever_order_the_rows_came_in() {
        let by_uuid: HashMap<&str, usize> = [("b", 1), ("a", 0)].into_iter().collect();
        let rows = vec![
            row(1, Some(3), Some("a"), 2),
            row(4, None, None, 0),
            row(2, Some(9), Some("b"), 3),
            row(1, Some(3), Some("b"), 1),
            row(3, Some(9), Some("gone"), 4),
            row(2, Some(9), Some("a"), 1),
        ];
        let listed = listed(rows, &by_uuid);
        let order: Vec<i64> = listed.iter().map(|e| e.id).collect();
        assert_eq!(
            order,
            [3, 2, 1, 4],
            "newest first, then the later entered, undated last"
        );
        assert_eq!(
            listed[1].claims,
            [(0, 1), (1, 3)],
            "claims in framework order"
        );
        assert_eq!(listed[2].claims, [(0, 2), (1, 1)]);
        assert!(
            listed[0].claims.is_empty(),
            "an element no longer in the framework is left out"
        );
    }
}
