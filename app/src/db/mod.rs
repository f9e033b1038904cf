//! The database side (server only): sea-orm entities and the services that use them.
//! Every service takes the connection and the acting person, authorises first, and scopes
//! what it lists to what that person may see. No query lives anywhere else.

pub mod entities;
pub mod services;
