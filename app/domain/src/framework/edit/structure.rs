//! The draft's name, its levels and its strands: add, rename, remove and reorder.

use super::{Direction, EditError, clean_markdown, fail_on, line, markdown, one, shift};
use crate::framework::{FrameworkDocument, LevelDoc, MAX_NAME, StrandDoc, rank_at};
use crate::org::RoleCategory;

impl FrameworkDocument {
    pub(super) fn save_details(
        &mut self,
        name: String,
        description: String,
    ) -> Result<Option<String>, EditError> {
        (self.name, self.description) = named(&name, &description, "a name", MAX_NAME * 2)?;
        Ok(None)
    }

    pub(super) fn save_level(
        &mut self,
        id: Option<String>,
        name: String,
        description: String,
        new_id: impl FnOnce() -> String,
    ) -> Result<Option<String>, EditError> {
        let (name, description) = named(&name, &description, "the level's name", MAX_NAME)?;
        match id {
            Some(id) => {
                let i = self.level_index(&id).ok_or(EditError::NotFound)?;
                self.levels[i].name = name;
                self.levels[i].description = description;
                Ok(Some(id))
            }
            None => {
                let id = new_id();
                self.levels.push(LevelDoc {
                    id: Some(id.clone()),
                    name,
                    description,
                });
                Ok(Some(id))
            }
        }
    }

    /// Removes a level with its descriptors and pathway targets; the levels above move down
    /// one rank.
    pub(super) fn remove_level(&mut self, id: &str) -> Result<Option<String>, EditError> {
        let i = self.level_index(id).ok_or(EditError::NotFound)?;
        if self.levels.len() == 1 {
            return Err(one("level", "A framework needs at least one level"));
        }
        let rank = rank_at(i);
        self.levels.remove(i);
        let renumber = |level: &mut u32| {
            if *level > rank {
                *level -= 1;
            }
        };
        for element in self.strands.iter_mut().flat_map(|s| s.elements.iter_mut()) {
            element.descriptors.retain(|d| d.level != rank);
            element
                .descriptors
                .iter_mut()
                .for_each(|d| renumber(&mut d.level));
        }
        for pathway in &mut self.pathways {
            pathway.targets.retain(|t| t.level != rank);
            pathway
                .targets
                .iter_mut()
                .for_each(|t| renumber(&mut t.level));
        }
        Ok(None)
    }

    /// Moves a level one place, carrying its descriptors and pathway targets with it.
    pub(super) fn move_level(
        &mut self,
        id: String,
        direction: Direction,
    ) -> Result<Option<String>, EditError> {
        let i = self.level_index(&id).ok_or(EditError::NotFound)?;
        if shift(&mut self.levels, i, direction) {
            let a = rank_at(i);
            let b = match direction {
                Direction::Up => a - 1,
                Direction::Down => a + 1,
            };
            let swap = |level: &mut u32| {
                if *level == a {
                    *level = b;
                } else if *level == b {
                    *level = a;
                }
            };
            for element in self.strands.iter_mut().flat_map(|s| s.elements.iter_mut()) {
                element
                    .descriptors
                    .iter_mut()
                    .for_each(|d| swap(&mut d.level));
                element
                    .descriptors
                    .sort_by_key(|d| (d.level, d.role_category.map(RoleCategory::code)));
            }
            for pathway in &mut self.pathways {
                pathway.targets.iter_mut().for_each(|t| swap(&mut t.level));
            }
        }
        Ok(Some(id))
    }

    pub(super) fn save_strand(
        &mut self,
        id: Option<String>,
        name: String,
        description: String,
        new_id: impl FnOnce() -> String,
    ) -> Result<Option<String>, EditError> {
        let (name, description) = named(&name, &description, "the strand's name", MAX_NAME)?;
        match id {
            Some(id) => {
                let i = self.strand_index(&id).ok_or(EditError::NotFound)?;
                self.strands[i].name = name;
                self.strands[i].description = description;
                Ok(Some(id))
            }
            None => {
                let id = new_id();
                self.strands.push(StrandDoc {
                    id: Some(id.clone()),
                    name,
                    description,
                    elements: Vec::new(),
                });
                Ok(Some(id))
            }
        }
    }

    /// Removes an empty strand; one with elements must be emptied first.
    pub(super) fn remove_strand(&mut self, id: &str) -> Result<Option<String>, EditError> {
        let i = self.strand_index(id).ok_or(EditError::NotFound)?;
        if !self.strands[i].elements.is_empty() {
            return Err(one(
                "strand",
                format!(
                    "{} still has elements: move or remove them first",
                    self.strands[i].name
                ),
            ));
        }
        if self.strands.len() == 1 {
            return Err(one("strand", "A framework needs at least one strand"));
        }
        self.strands.remove(i);
        Ok(None)
    }

    pub(super) fn move_strand(
        &mut self,
        id: String,
        direction: Direction,
    ) -> Result<Option<String>, EditError> {
        let i = self.strand_index(&id).ok_or(EditError::NotFound)?;
        shift(&mut self.strands, i, direction);
        Ok(Some(id))
    }
}

/// A name (one line, at most `max` characters) and a Markdown description, checked and tidied:
/// what the draft's details, a level and a strand all ask for.
fn named(
    name: &str,
    description: &str,
    label: &str,
    max: usize,
) -> Result<(String, String), EditError> {
    let mut errors = Vec::new();
    line(&mut errors, "name", label, name, max);
    markdown(&mut errors, "description", "the description", description);
    fail_on(errors)?;
    Ok((name.trim().to_owned(), clean_markdown(description)))
}
