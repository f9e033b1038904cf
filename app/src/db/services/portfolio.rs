//! Progression portfolios: built from a person's verified evidence (and, for those allowed to
//! see it, what is waiting for verification), against the published framework.

use super::evidence::{activity_names, format_hours, long_date, standing};
use super::framework::{load_document, published_version};
use crate::db::entities::{
    academy, evidence_claim, evidence_entry, evidence_place, pathway_follower, person,
};
use crate::domain::evidence::EvidenceStatus;
use crate::domain::portfolio::{
    Term, academic_year_label, academic_year_start, current_levels, may_see_portfolio,
    pathway_progress, term_of,
};
use crate::error::AppError;
use crate::model::{
    CoverageCell, CoverageRow, CurrentUser, Figures, PathwayProgressView, Portfolio,
    PortfolioFilters, TermActivity, TimelineEntry,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait,
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
    let subject = person::Entity::find_by_id(person.unwrap_or(user.actor.id.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let standing = standing(db, user, &subject, now).await?;
    if !may_see_portfolio(standing) {
        return Err(AppError::NotFound);
    }
    build(db, &subject, filters, standing.owner, false, now).await
}

/// The columns of an entry a portfolio uses (not its Markdown or timestamps).
struct Row {
    id: i64,
    activity_type_id: Option<i64>,
    title: String,
    started_on: Option<chrono::NaiveDate>,
    hours_quarters: Option<i32>,
    people_reached: Option<i32>,
    status: String,
}

/// What one entry contributes to a portfolio.
struct Entry {
    model: Row,
    verified: bool,
    /// (row index, level) of each claim on an element of the published framework.
    claims: Vec<(usize, u32)>,
}

/// Builds the portfolio of `subject`. `shared`: only verified evidence, for a share link.
pub(super) async fn build(
    db: &impl ConnectionTrait,
    subject: &person::Model,
    filters: &PortfolioFilters,
    own: bool,
    shared: bool,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    let doc = match published_version(db).await? {
        Some(v) => Some(load_document(db, &v).await?),
        None => None,
    };
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

    let wanted: Vec<&str> = if shared {
        vec![EvidenceStatus::Verified.code()]
    } else {
        vec![
            EvidenceStatus::Verified.code(),
            EvidenceStatus::Submitted.code(),
        ]
    };
    let owned = || {
        evidence_entry::Entity::find()
            .filter(evidence_entry::Column::OwnerId.eq(subject.id))
            .filter(evidence_entry::Column::Status.is_in(wanted.clone()))
    };
    type Columns = (
        i64,
        Option<i64>,
        String,
        Option<chrono::NaiveDate>,
        Option<i32>,
        Option<i32>,
        String,
    );
    let models: Vec<Row> = owned()
        .select_only()
        .columns([
            evidence_entry::Column::Id,
            evidence_entry::Column::ActivityTypeId,
            evidence_entry::Column::Title,
            evidence_entry::Column::StartedOn,
            evidence_entry::Column::HoursQuarters,
            evidence_entry::Column::PeopleReached,
            evidence_entry::Column::Status,
        ])
        .into_tuple::<Columns>()
        .all(db)
        .await?
        .into_iter()
        .map(
            |(id, activity_type_id, title, started_on, hours_quarters, people_reached, status)| {
                Row {
                    id,
                    activity_type_id,
                    title,
                    started_on,
                    hours_quarters,
                    people_reached,
                    status,
                }
            },
        )
        .collect();
    let mut claims: HashMap<i64, Vec<(usize, u32)>> = HashMap::new();
    // The claims of the same entries, chosen by a subquery rather than a list of ids.
    for (entry_id, uuid, claimed, verified) in evidence_claim::Entity::find()
        .select_only()
        .columns([
            evidence_claim::Column::EntryId,
            evidence_claim::Column::ElementUuid,
            evidence_claim::Column::ClaimedLevel,
            evidence_claim::Column::VerifiedLevel,
        ])
        .filter(
            evidence_claim::Column::EntryId.in_subquery(
                owned()
                    .select_only()
                    .column(evidence_entry::Column::Id)
                    .into_query(),
            ),
        )
        .into_tuple::<(i64, String, i32, Option<i32>)>()
        .all(db)
        .await?
    {
        let Some(&row) = by_uuid.get(uuid.as_str()) else {
            continue; // an element no longer in the framework
        };
        let level = verified.unwrap_or(claimed);
        claims
            .entry(entry_id)
            .or_default()
            .push((row, level.max(0) as u32));
    }
    let mut entries: Vec<Entry> = models
        .into_iter()
        .map(|model| {
            let mut claims = claims.remove(&model.id).unwrap_or_default();
            claims.sort_unstable();
            Entry {
                verified: model.status == EvidenceStatus::Verified.code(),
                claims,
                model,
            }
        })
        .collect();
    // Newest first, everywhere they are listed.
    entries.sort_by(|a, b| {
        b.model
            .started_on
            .cmp(&a.model.started_on)
            .then(b.model.id.cmp(&a.model.id))
    });
    let verified: Vec<&Entry> = entries.iter().filter(|e| e.verified).collect();

    let mut places: HashMap<i64, Vec<i64>> = HashMap::new();
    for p in evidence_place::Entity::find()
        .filter(evidence_place::Column::EntryId.is_in(verified.iter().map(|e| e.model.id)))
        .all(db)
        .await?
    {
        places.entry(p.entry_id).or_default().push(p.academy_id);
    }
    let figures = |list: &mut dyn Iterator<Item = &&Entry>| {
        let (mut activities, mut quarters, mut people) = (0u32, 0i64, 0u32);
        let mut academies = BTreeSet::new();
        for e in list {
            activities += 1;
            quarters += i64::from(e.model.hours_quarters.unwrap_or(0));
            people += e.model.people_reached.unwrap_or(0).max(0) as u32;
            for a in places.get(&e.model.id).into_iter().flatten() {
                if Some(*a) != subject.academy_id {
                    academies.insert(*a);
                }
            }
        }
        Figures {
            activities,
            hours: format_hours(quarters.min(i64::from(i32::MAX)) as i32)
                .trim_end_matches(" hours")
                .trim_end_matches(" hour")
                .to_owned(),
            academies: academies.len() as u32,
            people,
        }
    };
    let this_year = academic_year_start(now.date_naive());
    let year_of = |e: &Entry| e.model.started_on.map(academic_year_start);
    let this_year_figures = figures(&mut verified.iter().filter(|e| year_of(e) == Some(this_year)));
    let all_time = figures(&mut verified.iter());

    // Current levels are the whole record, whatever the filters.
    let current = current_levels(
        verified
            .iter()
            .flat_map(|e| e.claims.iter())
            .map(|(row, level)| (elements[*row].1.as_str(), *level)),
    );

    let in_year = |e: &Entry| filters.year.is_none() || year_of(e) == filters.year;
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
    for e in entries.iter().filter(|e| in_year(e)) {
        for (row, level) in &e.claims {
            let Some(cell) = rows[*row].cells.get_mut((*level as usize).wrapping_sub(1)) else {
                continue;
            };
            if e.verified {
                cell.verified += 1;
            } else {
                cell.pending += 1;
            }
        }
    }
    let rows: Vec<CoverageRow> = rows
        .into_iter()
        .zip(elements.iter())
        .filter(|(_, (_, _, _, strand))| filters.strand.is_none_or(|s| s == strand + 1))
        .map(|(row, _)| row)
        .collect();

    let activities = activity_names(db).await?;
    let timeline_entry = |e: &Entry| TimelineEntry {
        id: e.model.id,
        title: e.model.title.clone(),
        date: e.model.started_on.map(long_date).unwrap_or_default(),
        activity: e
            .model
            .activity_type_id
            .and_then(|t| activities.get(&t).cloned())
            .unwrap_or_default(),
        shows: e
            .claims
            .iter()
            .map(|(row, level)| format!("{} at {}", elements[*row].1, level_name(*level)))
            .collect(),
    };
    let mut terms: Vec<TermActivity> = Vec::new();
    let mut per_term: BTreeMap<(i32, Term), u32> = BTreeMap::new();
    for e in verified.iter().filter(|e| in_year(e)) {
        let Some(date) = e.model.started_on else {
            continue;
        };
        let (year, term) = term_of(date);
        *per_term.entry((year, term)).or_default() += 1;
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
    let years: BTreeSet<i32> = verified.iter().filter_map(|e| year_of(e)).collect();
    let chart_years: Vec<i32> = match (filters.year, years.first()) {
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

    let followed: BTreeSet<String> = pathway_follower::Entity::find()
        .filter(pathway_follower::Column::PersonId.eq(subject.id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.pathway_uuid)
        .collect();
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

    let cell = match (&filters.element, filters.level) {
        (Some(code), Some(level)) => elements.iter().position(|e| &e.1 == code).map(|row| {
            (
                format!("{code} {} at {}", elements[row].2, level_name(level)),
                verified
                    .iter()
                    .filter(|e| in_year(e) && e.claims.contains(&(row, level)))
                    .map(|e| timeline_entry(e))
                    .collect(),
            )
        }),
        _ => None,
    };

    let academy = match subject.academy_id {
        Some(a) => academy::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    };
    Ok(Portfolio {
        person_id: subject.id,
        name: subject.name.clone(),
        job_title: subject.job_title.clone(),
        academy,
        own,
        shared,
        framework: doc.as_ref().map(|d| d.name.clone()).unwrap_or_default(),
        this_year: academic_year_label(this_year),
        this_year_figures,
        all_time,
        levels,
        strands,
        rows,
        pathways,
        terms,
        chart,
        academic_years: years
            .iter()
            .rev()
            .map(|y| (*y, academic_year_label(*y)))
            .collect(),
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
