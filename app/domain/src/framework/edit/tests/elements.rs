//! Editing elements: saving, codes, moving and removing.

use super::*;

#[test]
fn saving_an_element_changes_it_in_place_and_drops_empty_descriptors() {
    let mut d = doc();
    let saved = d.apply(
        Edit::SaveElement {
            id: Some("e1".into()),
            fields: fields("s1", "a1"),
        },
        no_id,
    );
    assert_eq!(saved, Ok(Some("e1".into())));
    let e = &d.strands[0].elements[0];
    assert_eq!(e.code, "A1", "codes are upper-cased");
    assert_eq!(e.title, "Coaching others");
    assert_eq!(e.description, "Line one\nline two");
    assert_eq!(e.descriptors, vec![descriptor(1, "first")]);
    assert!(d.problems().is_empty());
    assert!(!d.publish_problems().is_empty(), "level 2 is now missing");
}

#[test]
fn a_new_element_goes_at_the_end_of_its_strand_with_a_fresh_identifier() {
    let mut d = doc();
    let saved = d.apply(
        Edit::SaveElement {
            id: None,
            fields: fields("s1", "A3"),
        },
        || "new".into(),
    );
    assert_eq!(saved, Ok(Some("new".into())));
    assert_eq!(codes(&d), ["A1", "A2", "A3", "S1"]);
}

#[test]
fn an_element_cannot_take_a_code_another_element_has() {
    let mut d = doc();
    let before = d.clone();
    let result = d.apply(
        Edit::SaveElement {
            id: Some("e1".into()),
            fields: fields("s1", "A2"),
        },
        no_id,
    );
    assert_eq!(field_errors(result), ["code"]);
    assert_eq!(d, before, "nothing changes when an edit is refused");
    let result = d.apply(
        Edit::SaveElement {
            id: None,
            fields: fields("s1", "S1"),
        },
        || "new".into(),
    );
    assert_eq!(field_errors(result), ["code"]);
}

#[test]
fn an_element_missing_its_title_and_summary_gets_a_message_for_each() {
    let mut d = doc();
    let mut f = fields("s1", "A1");
    f.title = " ".into();
    f.summary = String::new();
    let result = d.apply(
        Edit::SaveElement {
            id: Some("e1".into()),
            fields: f,
        },
        no_id,
    );
    assert_eq!(field_errors(result), ["title", "summary"]);
}

#[test]
fn renaming_an_elements_code_follows_through_to_pathway_targets() {
    let mut d = doc();
    d.apply(
        Edit::SaveElement {
            id: Some("e1".into()),
            fields: fields("s1", "A9"),
        },
        no_id,
    )
    .unwrap();
    assert_eq!(d.pathways[0].targets[0].element, "A9");
    assert!(d.problems().is_empty());
}

#[test]
fn moving_an_element_to_another_strand_puts_it_at_the_end_of_that_strand() {
    let mut d = doc();
    d.apply(
        Edit::SaveElement {
            id: Some("e1".into()),
            fields: fields("s2", "A1"),
        },
        no_id,
    )
    .unwrap();
    assert_eq!(codes(&d), ["A2", "S1", "A1"]);
}

#[test]
fn removing_an_element_removes_the_pathway_targets_on_it() {
    let mut d = doc();
    d.apply(Edit::RemoveElement { id: "e1".into() }, no_id)
        .unwrap();
    assert_eq!(codes(&d), ["A2", "S1"]);
    assert_eq!(d.pathways[0].targets.len(), 1);
    assert!(d.problems().is_empty());
}

#[test]
fn elements_move_up_and_down_within_their_strand_and_stop_at_the_ends() {
    let mut d = doc();
    d.apply(
        Edit::MoveElement {
            id: "e2".into(),
            direction: Direction::Up,
        },
        no_id,
    )
    .unwrap();
    assert_eq!(codes(&d), ["A2", "A1", "S1"]);
    d.apply(
        Edit::MoveElement {
            id: "e2".into(),
            direction: Direction::Up,
        },
        no_id,
    )
    .unwrap();
    assert_eq!(codes(&d), ["A2", "A1", "S1"], "already first");
    d.apply(
        Edit::MoveElement {
            id: "e3".into(),
            direction: Direction::Down,
        },
        no_id,
    )
    .unwrap();
    assert_eq!(codes(&d), ["A2", "A1", "S1"], "already last in its strand");
}

#[test]
fn a_strand_with_elements_cannot_be_removed_but_an_empty_one_can() {
    let mut d = doc();
    let refused = d.apply(Edit::RemoveStrand { id: "s2".into() }, no_id);
    assert_eq!(field_errors(refused), ["strand"]);
    d.apply(
        Edit::SaveStrand {
            id: None,
            name: "Behaviours".into(),
            description: String::new(),
        },
        || "s3".into(),
    )
    .unwrap();
    assert_eq!(d.strands.len(), 3);
    d.apply(Edit::RemoveStrand { id: "s3".into() }, no_id)
        .unwrap();
    assert_eq!(d.strands.len(), 2);
}
