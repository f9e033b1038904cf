//! Building a portfolio: the person's summary and the entries the page lists, read side by
//! side, then presented.

use super::Subject;
use super::listing::{Listed, listed, listing};
use super::present::{self, Frame};
use super::summary::{claim_at, entries_of, summary};
use crate::db::entities::{evidence_claim, evidence_entry};
use crate::db::framework::published_document;
use crate::db::kept::Kept;
use crate::domain::PersonId;
use crate::domain::evidence::EvidenceStatus;
use crate::domain::portfolio::{
    academic_year_label, academic_year_span, academic_year_start, timeline_year,
};
use crate::error::AppError;
use crate::model::{Portfolio, PortfolioFilters, TimelineEntry};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use std::collections::HashMap;

/// Whose portfolio is built, and for whom.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reader {
    /// The person is looking at their own.
    pub(super) own: bool,
    /// Through a share link: only verified evidence.
    pub(super) shared: bool,
}

/// Builds the portfolio of person `id`, read by `subject`.
///
/// The figures, the matrix and the chart come from the person's summary (kept, and counted
/// afresh only after their evidence changed); only the entries the timeline lists (one academic
/// year unless every year is asked for) are read one by one. What does not depend on the
/// summary is read alongside the person, so a portfolio is most often one round trip.
pub(super) async fn build(
    db: &impl ConnectionTrait,
    kept: &Kept,
    id: i64,
    subject: impl Future<Output = Result<Subject, AppError>>,
    filters: &PortfolioFilters,
    reader: Reader,
    now: DateTime<Utc>,
) -> Result<Portfolio, AppError> {
    use EvidenceStatus::Verified;
    let this_year = academic_year_start(now.date_naive());
    let verified = |span| entries_of(id, Verified, span);

    // Unless a year is chosen, the timeline lists the latest year with verified activity,
    // which only the summary tells. It is most often this one, so this year's entries are read
    // alongside, and read again only for someone whose latest activity is older.
    let guessed_year = timeline_year(filters.year, filters.timeline, &[this_year]);
    let guessed = listing(db, verified(guessed_year.map(academic_year_span)));
    let (subject, guessed) = tokio::try_join!(subject, guessed)?;
    let (doc, summary, awards) = tokio::try_join!(
        published_document(db, kept, subject.published.clone()),
        summary(db, kept, &subject),
        crate::db::recognition::awards::held_by(db, PersonId(id), false),
    )?;
    let person = &subject.person;
    let frame = Frame::of(doc.as_deref());
    let by_uuid = frame.rows_by_uuid();
    let (academies, academies_this_year) = summary.academies_reached(person.academy_id, this_year);
    let verified_counts = summary.claim_counts(true, filters.year);
    let waiting_counts = if reader.shared {
        Vec::new()
    } else {
        summary.claim_counts(false, filters.year)
    };
    // Current levels are the whole record, whatever the year.
    let all_verified_counts = filters.year.map(|_| summary.claim_counts(true, None));
    let current = present::current(
        &frame,
        all_verified_counts.as_ref().unwrap_or(&verified_counts),
    );
    let rows = present::coverage(
        &frame,
        &current,
        &verified_counts,
        &waiting_counts,
        filters.strand,
    );
    let (all_time, in_this_year) = present::totals(&summary.months, this_year);
    let (per_term, per_year) = present::per_term_and_year(&summary.months);
    let chart = present::chart(&per_term, &per_year, filters.year, this_year);
    let years: Vec<i32> = per_year.keys().copied().collect();
    let timeline_year = timeline_year(filters.year, filters.timeline, &years);

    // The timeline's entries and, when a cell was chosen, the entries behind it.
    let timeline = async {
        if years.is_empty() {
            Ok(Vec::new())
        } else if timeline_year == guessed_year {
            Ok(guessed)
        } else {
            listing(db, verified(timeline_year.map(academic_year_span))).await
        }
    };
    let cell = cell_entries(db, id, &frame, &by_uuid, filters);
    let (timeline, cell) = tokio::try_join!(timeline, cell)?;
    let timeline = listed(timeline, &by_uuid);

    Ok(Portfolio {
        person_id: PersonId(person.id),
        name: person.name.clone(),
        job_title: person.job_title.clone(),
        academy: subject.academy.clone(),
        own: reader.own,
        shared: reader.shared,
        framework: doc.as_ref().map(|d| d.name.clone()).unwrap_or_default(),
        this_year: academic_year_label(this_year),
        this_year_figures: present::figures(in_this_year, academies_this_year),
        all_time: present::figures(all_time, academies),
        pathways: present::pathways(&frame, doc.as_deref(), &subject.followed, &current),
        terms: present::terms(&frame, &timeline),
        rows,
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
        awards,
        levels: frame.levels,
        strands: frame.strands,
    })
}

/// The verified entries behind the matrix cell the filters chose (an element and a level,
/// within the chosen year), with the cell's name; `None` when no cell was chosen.
async fn cell_entries(
    db: &impl ConnectionTrait,
    id: i64,
    frame: &Frame,
    by_uuid: &HashMap<&str, usize>,
    filters: &PortfolioFilters,
) -> Result<Option<(String, Vec<TimelineEntry>)>, AppError> {
    let (Some(code), Some(level)) = (&filters.element, filters.level) else {
        return Ok(None);
    };
    let Some(row) = frame.row_of(code) else {
        return Ok(None);
    };
    let element = &frame.elements[row];
    let behind = evidence_claim::Entity::find()
        .select_only()
        .column(evidence_claim::Column::EntryId)
        .filter(evidence_claim::Column::ElementUuid.eq(element.uuid.as_str()))
        .filter(claim_at(level))
        .into_query();
    let span = filters.year.map(academic_year_span);
    let query = entries_of(id, EvidenceStatus::Verified, span)
        .filter(evidence_entry::Column::Id.in_subquery(behind));
    let entries: Vec<Listed> = listed(listing(db, query).await?, by_uuid);
    let heading = format!(
        "{} {} at {}",
        element.code,
        element.title,
        frame.level_name(level)
    );
    let entries = entries
        .iter()
        .map(|e| present::timeline_entry(frame, e))
        .collect();
    Ok(Some((heading, entries)))
}
