//! Editing the name, levels and strands, and edits that name nothing in the draft.

use super::*;

#[test]
fn moving_a_level_carries_its_descriptors_and_targets_with_it() {
    let mut d = doc();
    d.apply(
        Edit::MoveLevel {
            id: "l2".into(),
            direction: Direction::Up,
        },
        no_id,
    )
    .unwrap();
    assert_eq!(d.levels[0].name, "Team");
    let e = &d.strands[0].elements[0];
    assert_eq!(
        e.descriptors,
        vec![descriptor(1, "two"), descriptor(2, "one")]
    );
    assert_eq!(d.pathways[0].targets[0].level, 1, "A1's target was Team");
    assert_eq!(d.pathways[0].targets[1].level, 2);
}

#[test]
fn removing_a_level_removes_its_descriptors_and_renumbers_the_rest() {
    let mut d = doc();
    d.apply(Edit::RemoveLevel { id: "l1".into() }, no_id)
        .unwrap();
    assert_eq!(d.levels.len(), 1);
    assert_eq!(
        d.strands[0].elements[0].descriptors,
        vec![descriptor(1, "two")]
    );
    assert_eq!(
        d.pathways[0].targets,
        vec![TargetDoc {
            element: "A1".into(),
            level: 1
        }]
    );
    assert!(d.publish_problems().is_empty());
    let last = d.apply(Edit::RemoveLevel { id: "l2".into() }, no_id);
    assert_eq!(field_errors(last), ["level"], "the last level stays");
}

#[test]
fn strands_can_be_renamed_and_reordered() {
    let mut d = doc();
    d.apply(
        Edit::SaveStrand {
            id: Some("s2".into()),
            name: " Skills and knowledge ".into(),
            description: "How".into(),
        },
        no_id,
    )
    .unwrap();
    d.apply(
        Edit::MoveStrand {
            id: "s2".into(),
            direction: Direction::Up,
        },
        no_id,
    )
    .unwrap();
    assert_eq!(d.strands[0].name, "Skills and knowledge");
    assert_eq!(codes(&d), ["S1", "A1", "A2"]);
}

#[test]
fn an_edit_naming_something_not_in_the_draft_is_not_found() {
    let mut d = doc();
    for edit in [
        Edit::RemoveElement { id: "zz".into() },
        Edit::RemoveLevel { id: "zz".into() },
        Edit::RemovePathway { id: "zz".into() },
        Edit::MoveStrand {
            id: "zz".into(),
            direction: Direction::Up,
        },
    ] {
        assert_eq!(d.apply(edit, no_id), Err(EditError::NotFound));
    }
}

#[test]
fn the_framework_needs_a_name() {
    let mut d = doc();
    let result = d.apply(
        Edit::Details {
            name: "\n".into(),
            description: String::new(),
        },
        no_id,
    );
    assert_eq!(field_errors(result), ["name"]);
}
