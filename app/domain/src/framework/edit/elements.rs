//! The draft's elements: their code, words, strand and descriptors, and their place.

use super::{
    Direction, EditError, ElementFields, clean_markdown, descriptor_field, fail_on, line, markdown,
    one, shift,
};
use crate::framework::{
    DescriptorDoc, ElementDoc, FrameworkDocument, MAX_MARKDOWN, MAX_NAME, MAX_SUMMARY,
    is_valid_code,
};
use crate::input::FieldError;
use crate::org::RoleCategory;

impl FrameworkDocument {
    /// Saves an element. A renamed code follows through to the pathway targets on it; an
    /// element stays where it was unless it changes strand, when it goes to the end of the new one.
    pub(super) fn save_element(
        &mut self,
        id: Option<String>,
        fields: ElementFields,
        new_id: impl FnOnce() -> String,
    ) -> Result<Option<String>, EditError> {
        let current = match &id {
            Some(id) => Some(self.element_index(id).ok_or(EditError::NotFound)?),
            None => None,
        };
        let Some(target_strand) = self.strand_index(&fields.strand) else {
            return Err(one("strand", "Choose a strand"));
        };
        let code = fields.code.trim().to_ascii_uppercase();
        let mut errors = self.element_problems(id.as_deref(), &code, &fields);
        let descriptors = self.checked_descriptors(fields.descriptors, &mut errors);
        fail_on(errors)?;

        let id = id.unwrap_or_else(new_id);
        let mut element = match current {
            Some((s, e)) => self.strands[s].elements.remove(e),
            None => ElementDoc {
                id: Some(id.clone()),
                code: String::new(),
                title: String::new(),
                summary: String::new(),
                description: String::new(),
                descriptors: Vec::new(),
            },
        };
        let old_code = std::mem::replace(&mut element.code, code.clone());
        element.title = fields.title.trim().to_owned();
        element.summary = fields.summary.trim().to_owned();
        element.description = clean_markdown(&fields.description);
        element.descriptors = descriptors;
        match current {
            Some((s, e)) if s == target_strand => self.strands[s].elements.insert(e, element),
            _ => self.strands[target_strand].elements.push(element),
        }
        if !old_code.is_empty() && old_code != code {
            for target in self.pathways.iter_mut().flat_map(|p| p.targets.iter_mut()) {
                if target.element == old_code {
                    target.element = code.clone();
                }
            }
        }
        Ok(Some(id))
    }

    /// What is wrong with an element's code and words (`id` is the element being saved).
    fn element_problems(
        &self,
        id: Option<&str>,
        code: &str,
        fields: &ElementFields,
    ) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !is_valid_code(code) {
            errors.push(FieldError::new(
                "code",
                "Enter a code of one to three capital letters and a number, like A1 or S12",
            ));
        } else if self
            .elements()
            .any(|e| e.code == code && e.id.as_deref() != id)
        {
            errors.push(FieldError::new(
                "code",
                format!("Another element already has the code {code}"),
            ));
        }
        line(&mut errors, "title", "a title", &fields.title, MAX_NAME);
        line(
            &mut errors,
            "summary",
            "a one-line summary",
            &fields.summary,
            MAX_SUMMARY,
        );
        markdown(
            &mut errors,
            "description",
            "the description",
            &fields.description,
        );
        errors
    }

    /// The descriptors worth keeping, tidied and in order: an empty box is dropped; a level
    /// that does not exist, an over-long text or the same box twice is a field error.
    fn checked_descriptors(
        &self,
        sent: Vec<DescriptorDoc>,
        errors: &mut Vec<FieldError>,
    ) -> Vec<DescriptorDoc> {
        let level_count = self.level_count();
        let mut descriptors: Vec<DescriptorDoc> = Vec::new();
        for d in sent {
            let field = descriptor_field(d.level, d.role_category);
            let body = clean_markdown(&d.body);
            if d.level == 0 || d.level > level_count {
                errors.push(FieldError::new(&field, "There is no such level"));
            } else if body.is_empty() {
                continue;
            } else if body.chars().count() > MAX_MARKDOWN {
                errors.push(FieldError::new(
                    &field,
                    format!("A descriptor must be {MAX_MARKDOWN} characters or fewer"),
                ));
            } else if descriptors
                .iter()
                .any(|e| e.level == d.level && e.role_category == d.role_category)
            {
                errors.push(FieldError::new(&field, "This descriptor was sent twice"));
            } else {
                descriptors.push(DescriptorDoc {
                    level: d.level,
                    role_category: d.role_category,
                    body,
                });
            }
        }
        descriptors.sort_by_key(|d| (d.level, d.role_category.map(RoleCategory::code)));
        descriptors
    }

    /// Removes an element and the pathway targets on it.
    pub(super) fn remove_element(&mut self, id: &str) -> Result<Option<String>, EditError> {
        let (s, e) = self.element_index(id).ok_or(EditError::NotFound)?;
        let code = self.strands[s].elements.remove(e).code;
        for pathway in &mut self.pathways {
            pathway.targets.retain(|t| t.element != code);
        }
        Ok(None)
    }

    pub(super) fn move_element(
        &mut self,
        id: String,
        direction: Direction,
    ) -> Result<Option<String>, EditError> {
        let (s, e) = self.element_index(&id).ok_or(EditError::NotFound)?;
        shift(&mut self.strands[s].elements, e, direction);
        Ok(Some(id))
    }
}
