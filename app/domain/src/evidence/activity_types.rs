//! The activity types a trust starts with.

/// The activity types a trust starts with: (name, description, needs a host academy,
/// suggested element codes).
pub const STARTER_ACTIVITY_TYPES: [(&str, &str, bool, &str); 9] = [
    (
        "Led a staff meeting at another academy",
        "Planned and led a staff meeting or briefing for colleagues at an academy other than your own.",
        true,
        "B2,S5",
    ),
    (
        "Delivered trust-wide training",
        "Designed or delivered training open to colleagues across the trust, in person or online.",
        false,
        "S5,B3",
    ),
    (
        "Led a session on a trust training day",
        "Led a workshop or session at one of the trust's shared training days.",
        false,
        "S5,B2",
    ),
    (
        "Coached a colleague",
        "A series of coaching conversations with a colleague from another academy.",
        true,
        "B3,B1",
    ),
    (
        "Peer review",
        "Took part in a peer review as a reviewer or improvement champion.",
        true,
        "S3,A3",
    ),
    (
        "Led a think tank",
        "Convened and led one of the trust's think tanks on a shared problem.",
        false,
        "S2,B4",
    ),
    (
        "Led or contributed to a trust professional community",
        "Led, or contributed regularly to, a cross-trust professional community or network.",
        false,
        "B4,A2",
    ),
    (
        "Mentored an early-career teacher",
        "Mentored an early-career teacher based at another academy.",
        true,
        "B3,A1",
    ),
    (
        "Other cross-school activity",
        "Any other leadership that reached beyond your own academy.",
        false,
        "",
    ),
];
