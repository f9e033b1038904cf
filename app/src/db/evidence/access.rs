//! How the person acting stands to an entry's owner: the facts `domain::evidence::decide` needs.

use crate::db::entities::{person, verification_delegate};
use crate::domain::AccessRole;
use crate::domain::evidence::Standing;
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};

/// How `user` stands to `owner`: the facts `decide` needs.
pub async fn standing(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    owner: &person::Model,
    now: DateTime<Utc>,
) -> Result<Standing, AppError> {
    let me = user.actor.id.0;
    // The owner stands as the owner: nothing about the line needs looking up.
    let own = owner.id == me;
    let delegate_for_manager = match owner.line_manager_id {
        _ if own => false,
        Some(manager) if manager != me => {
            crate::db::unique(db, verification_delegate::Entity::find_by_id(manager))
                .await?
                .is_some_and(|d| d.delegate_id == me && d.until > now)
        }
        _ => false,
    };
    let mut above = false;
    if let Some(first) = owner.line_manager_id.filter(|_| !own) {
        let mut current = first;
        for _ in 0..32 {
            let Some(next) = crate::db::unique(db, person::Entity::find_by_id(current))
                .await?
                .and_then(|p| p.line_manager_id)
            else {
                break;
            };
            if next == me {
                above = true;
                break;
            }
            if next == owner.id || next == first {
                break;
            }
            current = next;
        }
    }
    Ok(Standing {
        owner: owner.id == me,
        verifier: owner.line_manager_id == Some(me) || delegate_for_manager,
        above_in_line: above,
        academy_pd_lead: user.actor.has_role(AccessRole::AcademyPdLead)
            && owner.academy_id.is_some()
            && owner.academy_id == user.actor.academy.map(|a| a.0),
        hr: user.actor.has_role(AccessRole::Hr),
        administrator: user.actor.has_role(AccessRole::Administrator),
    })
}
