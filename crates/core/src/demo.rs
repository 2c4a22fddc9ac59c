//! The demo: a store filled with synthetic Western Balkan route data and one
//! account per role. Only synthetic persons, never real ones.

use std::path::{Path, PathBuf};

use veza_io::ImportOptions;
use veza_model::UserRole;
use veza_store::{Actor, Store, User};

use crate::import::{ImportReport, import_file};
use crate::password::hash_password;
use crate::{Error, Result};

/// The demo accounts' shared password, printed by `veza demo`.
pub const DEMO_PASSWORD: &str = "veza-demo-2026";

/// One demo account per role: (user name, role, agency, country, display name).
pub const DEMO_ACCOUNTS: [(&str, UserRole, &str, &str, &str); 7] = [
    (
        "border",
        UserRole::BorderOfficer,
        "RS-MUP",
        "RS",
        "Border officer, Preševo",
    ),
    (
        "investigator",
        UserRole::Investigator,
        "RS-MUP",
        "RS",
        "Investigator, Belgrade",
    ),
    (
        "analyst",
        UserRole::Analyst,
        "MK-MVR",
        "MK",
        "Risk analyst, Skopje",
    ),
    (
        "support",
        UserRole::VictimSupport,
        "NGO-ASTRA",
        "RS",
        "Case worker, victim support",
    ),
    (
        "liaison",
        UserRole::LiaisonOfficer,
        "ME-UP",
        "ME",
        "Liaison officer, Podgorica",
    ),
    (
        "auditor",
        UserRole::Auditor,
        "RS-DPA",
        "RS",
        "Data-protection auditor",
    ),
    ("admin", UserRole::Admin, "RS-MUP", "RS", "Administrator"),
];

/// What seeding did.
#[derive(Debug, Clone, PartialEq)]
pub struct Seeded {
    /// Accounts created now (0 when they existed).
    pub accounts: usize,
    /// The import, when records were loaded now.
    pub import: Option<ImportReport>,
    /// Alerts loaded now.
    pub alerts: usize,
    /// The entity resolution run over the loaded records.
    pub resolution: Option<crate::resolution::ResolveReport>,
    /// Where the synthetic files are.
    pub synthetic_dir: PathBuf,
}

/// Creates the demo accounts if the store has none, and loads `persons`
/// synthetic persons (seed `seed`) if it has no records.
pub async fn seed(store: &Store, data_dir: &Path, seed: u64, persons: u64) -> Result<Seeded> {
    let mut accounts = 0;
    if store.user_count().await? == 0 {
        let hash = hash_password(DEMO_PASSWORD).map_err(|e| Error::Io {
            path: "password".into(),
            source: std::io::Error::other(e),
        })?;
        for (username, role, agency, country, name) in DEMO_ACCOUNTS {
            let user = User {
                username: username.into(),
                password_hash: hash.clone(),
                role,
                agency: agency.into(),
                country: country.into(),
                display_name: name.into(),
                disabled: false,
                failed_logins: 0,
                locked_until: None,
                totp_secret: None,
            };
            store.create_user(&user, "demo").await?;
            accounts += 1;
        }
    }
    let synthetic_dir = data_dir.join("synthetic");
    let mut import = None;
    if store.counts().await?.records == 0 {
        veza_synth::generate_to_dir(&veza_synth::Config { seed, persons }, &synthetic_dir)?;
        let actor = Actor::new("demo", UserRole::Investigator, "DEMO")
            .with_reason("loading synthetic demo data");
        let mut opts = ImportOptions::new("DEMO");
        opts.recorded_at = veza_store::clock::now();
        import = Some(
            import_file(
                store,
                &actor,
                &synthetic_dir.join("records.csv"),
                &opts,
                None,
            )
            .await?,
        );
    }
    let alerts_csv = synthetic_dir.join("alerts.csv");
    let mut alerts = 0;
    if store.alert_count().await? == 0 && alerts_csv.exists() {
        let actor = Actor::new("demo", UserRole::LiaisonOfficer, "DEMO")
            .with_reason("loading synthetic demo alerts");
        alerts = crate::alerts::import_alerts(store, &actor, &alerts_csv).await?;
    }
    let mut resolution = None;
    if import.is_some() {
        let actor = Actor::new("demo", UserRole::Investigator, "DEMO")
            .with_reason("resolving synthetic demo data into persons");
        resolution = Some(crate::resolution::resolve_store(store, &actor, false).await?);
    }
    Ok(Seeded {
        accounts,
        import,
        alerts,
        resolution,
        synthetic_dir,
    })
}
