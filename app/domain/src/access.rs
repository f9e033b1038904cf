//! Who may do what. Every server-side service asks `authorize` before it acts, and the
//! navigation is derived from the same rules, so the UI never offers what the server refuses.

use super::ids::{AcademyId, PersonId};
use super::org::AccessRole;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the access rules need to see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: PersonId,
    pub roles: Vec<AccessRole>,
    /// `None` for the central trust team.
    pub academy: Option<AcademyId>,
    /// How many people report directly to this person; being a line manager follows from it.
    pub direct_reports: u32,
}

impl Actor {
    pub fn has_role(&self, role: AccessRole) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_line_manager(&self) -> bool {
        self.direct_reports > 0
    }
}

/// Which people a directory listing may show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeopleScope {
    WholeTrust,
    Academy(AcademyId),
}

/// Something a person may try to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See their own direct reports.
    ViewTeam,
    /// Browse the staff directory (the scope is decided by `people_scope`).
    ViewPeople,
    /// Change academies, people and line management.
    ManageOrganisation,
    /// Create, edit, import, publish and consult on framework versions.
    ManageFramework,
    /// Configure activity types and who verifies for an absent manager.
    ManageEvidenceSettings,
    /// Set milestones, and give or withdraw awards (HR and administrators).
    ManageRecognition,
}

/// Why an action was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("You do not have permission to do that")]
pub struct Denied;

/// Decides whether `actor` may take `action`.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), Denied> {
    let allowed = match action {
        Action::ViewTeam => actor.is_line_manager(),
        Action::ViewPeople => people_scope(actor).is_some(),
        Action::ManageOrganisation | Action::ManageFramework | Action::ManageEvidenceSettings => {
            actor.has_role(AccessRole::Administrator)
        }
        Action::ManageRecognition => {
            actor.has_role(AccessRole::Administrator) || actor.has_role(AccessRole::Hr)
        }
    };
    if allowed { Ok(()) } else { Err(Denied) }
}

/// The widest set of people `actor` may browse: the whole trust for administrators and HR,
/// their own academy for an academy PD lead, nobody otherwise.
pub fn people_scope(actor: &Actor) -> Option<PeopleScope> {
    if actor.has_role(AccessRole::Administrator) || actor.has_role(AccessRole::Hr) {
        Some(PeopleScope::WholeTrust)
    } else if actor.has_role(AccessRole::AcademyPdLead) {
        actor.academy.map(PeopleScope::Academy)
    } else {
        None
    }
}

/// Whether `actor` may read a framework version: everyone reads the published version and
/// the retired ones (evidence refers to them); a draft only administrators, or everyone while
/// it is open for consultation.
pub fn may_read_framework_version(
    actor: &Actor,
    status: crate::framework::VersionStatus,
    consultation_open: bool,
) -> bool {
    use crate::framework::VersionStatus;
    match status {
        VersionStatus::Published | VersionStatus::Retired => true,
        VersionStatus::Draft => consultation_open || actor.has_role(AccessRole::Administrator),
    }
}

/// Whether `actor` is `person` themselves.
pub fn is_self(actor: &Actor, person: PersonId) -> bool {
    actor.id == person
}

/// Whether `actor` may read `person`'s record and its audit trail: the person themselves, HR
/// and administrators. (Only administrators change it: [`Action::ManageOrganisation`].)
pub fn may_read_record(actor: &Actor, person: PersonId) -> bool {
    is_self(actor, person)
        || actor.has_role(AccessRole::Hr)
        || actor.has_role(AccessRole::Administrator)
}

/// One entry of the main navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NavItem {
    Home,
    Evidence,
    Portfolio,
    Verify,
    Framework,
    Pathways,
    Celebrate,
    MyTeam,
    People,
    ManageFramework,
    EvidenceSettings,
    Recognition,
    Academies,
}

impl NavItem {
    pub fn label(self) -> &'static str {
        match self {
            NavItem::Home => "Home",
            NavItem::Evidence => "My evidence",
            NavItem::Portfolio => "My portfolio",
            NavItem::Verify => "To verify",
            NavItem::Framework => "Framework",
            NavItem::Pathways => "Pathways",
            NavItem::Celebrate => "Celebrate",
            NavItem::MyTeam => "My team",
            NavItem::People => "People",
            NavItem::ManageFramework => "Manage framework",
            NavItem::EvidenceSettings => "Evidence settings",
            NavItem::Recognition => "Recognition",
            NavItem::Academies => "Academies",
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            NavItem::Home => "/",
            NavItem::Evidence => "/evidence",
            NavItem::Portfolio => "/portfolio",
            NavItem::Verify => "/verify",
            NavItem::Framework => "/framework",
            NavItem::Pathways => "/pathways",
            NavItem::Celebrate => "/celebrate",
            NavItem::MyTeam => "/team",
            NavItem::People => "/people",
            NavItem::ManageFramework => "/manage/framework",
            NavItem::EvidenceSettings => "/manage/evidence",
            NavItem::Recognition => "/manage/recognition",
            NavItem::Academies => "/manage/academies",
        }
    }
}

/// The navigation `actor` sees: exactly the places `authorize` lets them into.
pub fn navigation(actor: &Actor) -> Vec<NavItem> {
    // Everyone reads the framework and its pathways.
    let mut items = vec![NavItem::Home, NavItem::Evidence, NavItem::Portfolio];
    if authorize(actor, Action::ViewTeam).is_ok() {
        items.push(NavItem::Verify);
    }
    items.extend([NavItem::Framework, NavItem::Pathways, NavItem::Celebrate]);
    if authorize(actor, Action::ViewTeam).is_ok() {
        items.push(NavItem::MyTeam);
    }
    if authorize(actor, Action::ViewPeople).is_ok() {
        items.push(NavItem::People);
    }
    if authorize(actor, Action::ManageFramework).is_ok() {
        items.push(NavItem::ManageFramework);
    }
    if authorize(actor, Action::ManageEvidenceSettings).is_ok() {
        items.push(NavItem::EvidenceSettings);
    }
    if authorize(actor, Action::ManageRecognition).is_ok() {
        items.push(NavItem::Recognition);
    }
    if authorize(actor, Action::ManageOrganisation).is_ok() {
        items.push(NavItem::Academies);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[AccessRole], academy: Option<i64>, reports: u32) -> Actor {
        Actor {
            id: PersonId(1),
            roles: roles.to_vec(),
            academy: academy.map(AcademyId),
            direct_reports: reports,
        }
    }

    #[test]
    fn a_class_teacher_sees_home_and_the_framework() {
        let teacher = actor(&[], Some(3), 0);
        assert_eq!(
            navigation(&teacher),
            vec![
                NavItem::Home,
                NavItem::Evidence,
                NavItem::Portfolio,
                NavItem::Framework,
                NavItem::Pathways,
                NavItem::Celebrate
            ]
        );
        assert_eq!(authorize(&teacher, Action::ViewPeople), Err(Denied));
        assert_eq!(authorize(&teacher, Action::ViewTeam), Err(Denied));
    }

    #[test]
    fn having_direct_reports_makes_someone_a_line_manager() {
        let manager = actor(&[], Some(3), 4);
        assert!(manager.is_line_manager());
        assert!(navigation(&manager).contains(&NavItem::MyTeam));
    }

    #[test]
    fn hr_and_administrators_browse_the_whole_trust() {
        for role in [AccessRole::Hr, AccessRole::Administrator] {
            let person = actor(&[role], None, 0);
            assert_eq!(people_scope(&person), Some(PeopleScope::WholeTrust));
            assert!(navigation(&person).contains(&NavItem::People));
        }
    }

    #[test]
    fn an_academy_pd_lead_browses_only_their_own_academy() {
        let lead = actor(&[AccessRole::AcademyPdLead], Some(7), 0);
        assert_eq!(
            people_scope(&lead),
            Some(PeopleScope::Academy(AcademyId(7)))
        );
    }

    #[test]
    fn a_pd_lead_in_the_central_team_has_no_academy_to_browse() {
        let lead = actor(&[AccessRole::AcademyPdLead], None, 0);
        assert_eq!(people_scope(&lead), None);
        assert_eq!(authorize(&lead, Action::ViewPeople), Err(Denied));
    }

    #[test]
    fn only_administrators_manage_the_organisation() {
        assert!(
            authorize(
                &actor(&[AccessRole::Administrator], None, 0),
                Action::ManageOrganisation
            )
            .is_ok()
        );
        for roles in [&[AccessRole::Hr][..], &[AccessRole::AcademyPdLead], &[]] {
            assert_eq!(
                authorize(&actor(roles, Some(1), 9), Action::ManageOrganisation),
                Err(Denied)
            );
        }
    }

    #[test]
    fn staff_never_read_a_draft_unless_it_is_open_for_consultation() {
        use crate::framework::VersionStatus::*;
        for roles in [&[][..], &[AccessRole::Hr], &[AccessRole::AcademyPdLead]] {
            let person = actor(roles, Some(1), 3);
            assert!(!may_read_framework_version(&person, Draft, false));
            assert!(may_read_framework_version(&person, Draft, true));
            assert!(may_read_framework_version(&person, Published, false));
            assert!(may_read_framework_version(&person, Retired, false));
        }
        let admin = actor(&[AccessRole::Administrator], None, 0);
        assert!(may_read_framework_version(&admin, Draft, false));
    }

    #[test]
    fn only_administrators_manage_the_framework() {
        assert!(
            authorize(
                &actor(&[AccessRole::Administrator], None, 0),
                Action::ManageFramework
            )
            .is_ok()
        );
        assert_eq!(
            authorize(&actor(&[AccessRole::Hr], None, 0), Action::ManageFramework),
            Err(Denied)
        );
    }

    #[test]
    fn hr_and_administrators_manage_recognition_and_nobody_else_does() {
        for (roles, allowed) in [
            (vec![AccessRole::Hr], true),
            (vec![AccessRole::Administrator], true),
            (vec![AccessRole::AcademyPdLead], false),
            (vec![], false),
        ] {
            let person = actor(&roles, Some(1), 3);
            assert_eq!(
                authorize(&person, Action::ManageRecognition).is_ok(),
                allowed,
                "{roles:?}"
            );
            assert!(
                navigation(&person).contains(&NavItem::Celebrate),
                "{roles:?}"
            );
        }
    }

    #[test]
    fn navigation_matches_authorisation_for_every_role_mix() {
        let roles = AccessRole::ALL;
        for mask in 0..(1u8 << roles.len()) {
            let held: Vec<_> = roles
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, r)| *r)
                .collect();
            for reports in [0, 2] {
                let person = actor(&held, Some(1), reports);
                let nav = navigation(&person);
                assert_eq!(
                    nav.contains(&NavItem::MyTeam),
                    authorize(&person, Action::ViewTeam).is_ok()
                );
                assert_eq!(
                    nav.contains(&NavItem::People),
                    authorize(&person, Action::ViewPeople).is_ok()
                );
                assert_eq!(
                    nav.contains(&NavItem::ManageFramework),
                    authorize(&person, Action::ManageFramework).is_ok()
                );
                assert_eq!(
                    nav.contains(&NavItem::EvidenceSettings),
                    authorize(&person, Action::ManageEvidenceSettings).is_ok()
                );
                assert_eq!(
                    nav.contains(&NavItem::Recognition),
                    authorize(&person, Action::ManageRecognition).is_ok()
                );
                assert_eq!(
                    nav.contains(&NavItem::Academies),
                    authorize(&person, Action::ManageOrganisation).is_ok()
                );
            }
        }
    }

    #[test]
    fn a_record_is_read_by_its_person_hr_and_administrators_only() {
        let teacher = actor(&[], Some(1), 0);
        assert!(may_read_record(&teacher, PersonId(1)));
        assert!(!may_read_record(&teacher, PersonId(2)));
        let manager = actor(&[AccessRole::AcademyPdLead], Some(1), 4);
        assert!(!may_read_record(&manager, PersonId(2)));
        assert!(may_read_record(
            &actor(&[AccessRole::Hr], None, 0),
            PersonId(2)
        ));
        assert!(may_read_record(
            &actor(&[AccessRole::Administrator], None, 0),
            PersonId(2)
        ));
        assert!(
            authorize(
                &actor(&[AccessRole::Hr], None, 0),
                Action::ManageOrganisation
            )
            .is_err()
        );
    }
}
