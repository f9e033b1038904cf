//! Progression portfolios: built from a person's verified evidence (and, for those allowed to
//! see it, what is waiting for verification), against the published framework.

use super::evidence::{format_hours, long_date, standing};
use super::framework::{load_document, published_version};
use crate::db::entities::{
    academy, activity_type, evidence_claim, evidence_entry, evidence_place, pathway_follower,
    person,
};
use crate::domain::evidence::EvidenceStatus;
use crate::domain::portfolio::{
    Term, academic_year_label, academic_year_span, academic_year_start, current_levels,
    may_see_portfolio, pathway_progress, term_of, timeline_year,
};
use crate::error::AppError;
use crate::model::{
    CoverageCell, CoverageRow, CurrentUser, Figures, PathwayProgressView, Portfolio,
    PortfolioFilters, TermActivity, TimelineEntry,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Condition, Expr, Func, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, JoinType,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait, Select,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The portfolio of `person` (the signed-in person's own when `None`), if `user` may see it.
pub async fn portfolio(
    db: &DatabaseConnection,
    user: &CurrentUser,
    person: Option<i64>,
    filters: &PortfolioFilters,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    let subject = super::unique(
        db,
        person::Entity::find_by_id(person.unwrap_or(user.actor.id.0)),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let standing = standing(db, user, &subject, now).await?;
    if !may_see_portfolio(standing) {
        return Err(AppError::NotFound);
    }
    build(db, &subject, filters, standing.owner, false, now).await
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

/// How many claims the entries `query` finds make on each (element UUID, level).
async fn claim_counts(
    db: &impl ConnectionTrait,
    query: Select<evidence_entry::Entity>,
) -> Result<Vec<(String, u32, u32)>, AppError> {
    Ok(evidence_claim::Entity::find()
        .select_only()
        .column(evidence_claim::Column::ElementUuid)
        .expr_as(claim_level(), "level")
        .column_as(evidence_claim::Column::Id.count(), "claims")
        .filter(evidence_claim::Column::EntryId.in_subquery(ids_of(query)))
        .group_by(evidence_claim::Column::ElementUuid)
        .group_by(claim_level())
        .into_tuple::<(String, i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(uuid, level, n)| (uuid, count(level.into()), count(n)))
        .collect())
}

/// The academies other than their own that `subject`'s verified entries took place at: (all,
/// within `span`).
async fn academies_reached(
    db: &impl ConnectionTrait,
    subject: &person::Model,
    span: (NaiveDate, NaiveDate),
) -> Result<(u32, u32), AppError> {
    let within = within(span);
    let mut places = evidence_place::Entity::find()
        .select_only()
        .column(evidence_place::Column::AcademyId)
        .expr_as(
            Func::max(Expr::case(within, Expr::cust("1")).finally(Expr::cust("0"))),
            "within",
        )
        .join(JoinType::InnerJoin, evidence_place::Relation::Entry.def())
        // On the entry's own columns (not a list of ids), so its index answers the join.
        .filter(evidence_entry::Column::OwnerId.eq(subject.id))
        .filter(evidence_entry::Column::Status.eq(EvidenceStatus::Verified.code()))
        .group_by(evidence_place::Column::AcademyId);
    if let Some(home) = subject.academy_id {
        places = places.filter(evidence_place::Column::AcademyId.ne(home));
    }
    let reached = places.into_tuple::<(i64, i32)>().all(db).await?;
    let within = reached.iter().filter(|(_, w)| *w > 0).count();
    let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((len(reached.len()), len(within)))
}

/// What the entries of one calendar month add up to.
#[derive(Clone, Copy, Default)]
struct Month {
    activities: i64,
    quarters: i64,
    people: i64,
}

impl std::ops::AddAssign for Month {
    fn add_assign(&mut self, other: Month) {
        self.activities += other.activities;
        self.quarters += other.quarters;
        self.people += other.people;
    }
}

/// The entries `query` finds, added up per calendar month (keyed by its first day; `None` for
/// entries without a date). The figures, the chart and the years all come from these.
async fn per_month(
    db: &impl ConnectionTrait,
    query: Select<evidence_entry::Entity>,
) -> Result<Vec<(Option<NaiveDate>, Month)>, AppError> {
    // Dates are ISO text in SQLite and a date type in PostgreSQL.
    let month = || match db.get_database_backend() {
        DbBackend::Postgres => Expr::cust("to_char(\"evidence_entry\".\"started_on\", 'YYYY-MM')"),
        _ => Expr::cust("substr(\"evidence_entry\".\"started_on\", 1, 7)"),
    };
    let sum =
        |column: evidence_entry::Column| Func::sum(Expr::col((evidence_entry::Entity, column)));
    Ok(query
        .select_only()
        .expr_as(month(), "month")
        .column_as(evidence_entry::Column::Id.count(), "activities")
        .expr_as(sum(evidence_entry::Column::HoursQuarters), "quarters")
        .expr_as(sum(evidence_entry::Column::PeopleReached), "people")
        .group_by(month())
        .into_tuple::<(Option<String>, i64, Option<i64>, Option<i64>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(month, activities, quarters, people)| {
            let first =
                month.and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok());
            let total = Month {
                activities,
                quarters: quarters.unwrap_or(0),
                people: people.unwrap_or(0),
            };
            (first, total)
        })
        .collect())
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

/// The entries `query` finds, newest first, with their activity and claims.
async fn listed(
    db: &impl ConnectionTrait,
    query: Select<evidence_entry::Entity>,
    by_uuid: &HashMap<&str, usize>,
) -> Result<Vec<Listed>, AppError> {
    let entries = query
        .clone()
        .select_only()
        .columns([
            evidence_entry::Column::Id,
            evidence_entry::Column::Title,
            evidence_entry::Column::StartedOn,
        ])
        .column_as(activity_type::Column::Name, "activity")
        .join(
            JoinType::LeftJoin,
            evidence_entry::Relation::ActivityType.def(),
        )
        .order_by_desc(evidence_entry::Column::StartedOn)
        .order_by_desc(evidence_entry::Column::Id)
        .into_tuple::<(i64, String, Option<NaiveDate>, Option<String>)>()
        .all(db);
    let claims = evidence_claim::Entity::find()
        .select_only()
        .column(evidence_claim::Column::EntryId)
        .column(evidence_claim::Column::ElementUuid)
        .expr_as(claim_level(), "level")
        .filter(evidence_claim::Column::EntryId.in_subquery(ids_of(query)))
        .into_tuple::<(i64, String, i32)>()
        .all(db);
    let (entries, claims) = tokio::try_join!(entries, claims)?;
    let mut shows: HashMap<i64, Vec<(usize, u32)>> = HashMap::new();
    for (entry, uuid, level) in claims {
        // Elements no longer in the framework are left out.
        if let Some(&row) = by_uuid.get(uuid.as_str()) {
            shows
                .entry(entry)
                .or_default()
                .push((row, count(level.into())));
        }
    }
    Ok(entries
        .into_iter()
        .map(|(id, title, started_on, activity)| {
            let mut claims = shows.remove(&id).unwrap_or_default();
            claims.sort_unstable();
            Listed {
                id,
                title,
                started_on,
                activity,
                claims,
            }
        })
        .collect())
}

/// Builds the portfolio of `subject`. `shared`: only verified evidence, for a share link.
///
/// The figures, the matrix and the chart are counted by the database; only the entries the
/// timeline lists (one academic year unless every year is asked for) are read one by one.
pub(super) async fn build(
    db: &impl ConnectionTrait,
    subject: &person::Model,
    filters: &PortfolioFilters,
    own: bool,
    shared: bool,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    use EvidenceStatus::{Submitted, Verified};
    let this_year = academic_year_start(now.date_naive());
    let this_span = academic_year_span(this_year);
    let span = filters.year.map(academic_year_span);
    let verified = |span| entries_of(subject.id, Verified, span);

    let doc = async {
        match published_version(db).await? {
            Some(v) => Ok::<_, AppError>(Some(load_document(db, &v).await?)),
            None => Ok(None),
        }
    };
    let waiting = async {
        if shared {
            Ok(Vec::new())
        } else {
            claim_counts(db, entries_of(subject.id, Submitted, span)).await
        }
    };
    // Current levels are the whole record, whatever the year.
    let all_verified_counts = async {
        match span {
            Some(_) => claim_counts(db, verified(None)).await.map(Some),
            None => Ok(None),
        }
    };
    let followed = pathway_follower::Entity::find()
        .filter(pathway_follower::Column::PersonId.eq(subject.id))
        .all(db);
    let academy = async {
        match subject.academy_id {
            Some(a) => Ok(super::unique(db, academy::Entity::find_by_id(a))
                .await?
                .map(|a| a.name)),
            None => Ok::<_, AppError>(None),
        }
    };
    let (
        doc,
        (academies, academies_this_year),
        verified_counts,
        waiting_counts,
        all_verified_counts,
        months,
        followed,
        academy,
    ) = tokio::try_join!(
        doc,
        academies_reached(db, subject, this_span),
        claim_counts(db, verified(span)),
        waiting,
        all_verified_counts,
        per_month(db, verified(None)),
        async { Ok(followed.await?) },
        academy,
    )?;

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

    let (mut all_time, mut in_this_year) = (Month::default(), Month::default());
    for (first, month) in &months {
        all_time += *month;
        // Academic years begin on the first of a month, so a month lies wholly in one.
        if first.is_some_and(|d| academic_year_start(d) == this_year) {
            in_this_year += *month;
        }
    }
    let figures = |m: Month, academies: u32| Figures {
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
                    .get(uuid.as_str())
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
                .get(uuid.as_str())
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
    for (first, month) in &months {
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
            return Ok(Vec::new());
        }
        listed(
            db,
            verified(timeline_year.map(academic_year_span)),
            &by_uuid,
        )
        .await
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
        let entries = listed(
            db,
            verified(span).filter(evidence_entry::Column::Id.in_subquery(behind)),
            &by_uuid,
        )
        .await?;
        Ok::<_, AppError>(Some((row, level, entries)))
    };
    let (timeline, cell) = tokio::try_join!(timeline, cell)?;

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

    let followed: BTreeSet<String> = followed.into_iter().map(|f| f.pathway_uuid).collect();
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
        person_id: subject.id,
        name: subject.name.clone(),
        job_title: subject.job_title.clone(),
        academy,
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
