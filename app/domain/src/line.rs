//! Line management: who manages whom, walked up the chain of line managers.
//!
//! The chain is given as a lookup (`manager_of`), so these rules work the same over a map in
//! a test and over rows loaded from the database.

use super::ids::PersonId;

/// Why a proposed line manager cannot be set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("A person cannot be their own line manager")]
    SelfManaged,
    #[error("That would make a loop: the proposed manager already reports to this person")]
    Cycle,
}

/// The people above `person` in the line, nearest first. Stops at the top, or if the data
/// holds a loop (which `check_new_manager` prevents, but old data must not hang us).
pub fn chain_above(
    person: PersonId,
    manager_of: impl Fn(PersonId) -> Option<PersonId>,
) -> Vec<PersonId> {
    let mut chain = Vec::new();
    let mut current = person;
    while let Some(manager) = manager_of(current) {
        if manager == person || chain.contains(&manager) {
            break;
        }
        chain.push(manager);
        current = manager;
    }
    chain
}

/// Whether `manager` is anywhere above `person` in the line (their manager, their manager's
/// manager, and so on).
pub fn is_above_in_line(
    manager: PersonId,
    person: PersonId,
    manager_of: impl Fn(PersonId) -> Option<PersonId>,
) -> bool {
    chain_above(person, manager_of).contains(&manager)
}

/// Checks that `new_manager` may become `person`'s line manager without making a loop.
pub fn check_new_manager(
    person: PersonId,
    new_manager: PersonId,
    manager_of: impl Fn(PersonId) -> Option<PersonId>,
) -> Result<(), LineError> {
    if person == new_manager {
        return Err(LineError::SelfManaged);
    }
    if is_above_in_line(person, new_manager, manager_of) {
        return Err(LineError::Cycle);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// ceo(1) ← principal(2) ← assistant principal(3) ← teacher(4); 5 reports to 2.
    fn trust() -> HashMap<PersonId, PersonId> {
        [(2, 1), (3, 2), (4, 3), (5, 2)]
            .into_iter()
            .map(|(p, m)| (PersonId(p), PersonId(m)))
            .collect()
    }

    fn lookup(map: &HashMap<PersonId, PersonId>) -> impl Fn(PersonId) -> Option<PersonId> + '_ {
        |p| map.get(&p).copied()
    }

    #[test]
    fn the_chain_runs_from_the_direct_manager_up_to_the_top() {
        let map = trust();
        assert_eq!(
            chain_above(PersonId(4), lookup(&map)),
            vec![PersonId(3), PersonId(2), PersonId(1)]
        );
        assert!(chain_above(PersonId(1), lookup(&map)).is_empty());
    }

    #[test]
    fn a_manager_two_levels_up_is_above_in_line() {
        let map = trust();
        assert!(is_above_in_line(PersonId(2), PersonId(4), lookup(&map)));
        assert!(is_above_in_line(PersonId(1), PersonId(4), lookup(&map)));
    }

    #[test]
    fn a_colleague_in_another_branch_is_not_above_in_line() {
        let map = trust();
        assert!(!is_above_in_line(PersonId(5), PersonId(4), lookup(&map)));
        assert!(!is_above_in_line(PersonId(4), PersonId(2), lookup(&map)));
    }

    #[test]
    fn nobody_is_above_themselves() {
        let map = trust();
        assert!(!is_above_in_line(PersonId(3), PersonId(3), lookup(&map)));
    }

    #[test]
    fn a_person_cannot_manage_themselves() {
        let map = trust();
        assert_eq!(
            check_new_manager(PersonId(4), PersonId(4), lookup(&map)),
            Err(LineError::SelfManaged)
        );
    }

    #[test]
    fn a_manager_cannot_be_made_to_report_to_someone_below_them() {
        let map = trust();
        assert_eq!(
            check_new_manager(PersonId(2), PersonId(4), lookup(&map)),
            Err(LineError::Cycle)
        );
        assert_eq!(
            check_new_manager(PersonId(4), PersonId(5), lookup(&map)),
            Ok(())
        );
    }

    #[test]
    fn a_loop_already_in_the_data_does_not_hang_the_walk() {
        let map: HashMap<_, _> = [(PersonId(1), PersonId(2)), (PersonId(2), PersonId(1))]
            .into_iter()
            .collect();
        assert_eq!(chain_above(PersonId(1), lookup(&map)), vec![PersonId(2)]);
    }
}
