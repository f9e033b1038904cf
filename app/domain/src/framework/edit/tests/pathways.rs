//! Editing pathways and their targets.

use super::*;

#[test]
fn a_pathway_needs_a_name_and_at_least_one_target() {
    let mut d = doc();
    let result = d.apply(
        Edit::SavePathway {
            id: Some("p1".into()),
            name: String::new(),
            description: String::new(),
            role_categories: vec![],
            targets: vec![],
        },
        no_id,
    );
    assert_eq!(field_errors(result), ["name", "targets"]);
}

#[test]
fn a_pathway_target_must_be_an_element_and_level_of_this_draft() {
    let mut d = doc();
    let result = d.apply(
        Edit::SavePathway {
            id: None,
            name: "Coach".into(),
            description: String::new(),
            role_categories: vec![],
            targets: vec![
                TargetDoc {
                    element: "Z9".into(),
                    level: 1,
                },
                TargetDoc {
                    element: "A2".into(),
                    level: 3,
                },
            ],
        },
        || "p2".into(),
    );
    assert_eq!(field_errors(result), ["targets", "target-A2"]);
}

#[test]
fn a_saved_pathway_keeps_its_targets_in_framework_order() {
    let mut d = doc();
    d.apply(
        Edit::SavePathway {
            id: None,
            name: "Coach".into(),
            description: String::new(),
            role_categories: vec![RoleCategory::Supporting, RoleCategory::Leading],
            targets: vec![
                TargetDoc {
                    element: "S1".into(),
                    level: 2,
                },
                TargetDoc {
                    element: "A2".into(),
                    level: 1,
                },
            ],
        },
        || "p2".into(),
    )
    .unwrap();
    let p = &d.pathways[1];
    assert_eq!(p.targets[0].element, "A2");
    assert_eq!(
        p.role_categories,
        vec![RoleCategory::Leading, RoleCategory::Supporting]
    );
    assert!(d.problems().is_empty());
}
