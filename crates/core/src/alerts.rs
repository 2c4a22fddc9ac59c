//! Loading alerts files into the store.

use std::path::Path;

use veza_store::{Actor, Store};

use crate::{Error, Result};

/// Reads an alerts CSV (the `veza screen` columns) and creates each alert in
/// the store; returns how many. A bad file commits nothing: every row is read
/// and checked before the first alert is written.
pub async fn import_alerts(store: &Store, actor: &Actor, path: &Path) -> Result<usize> {
    let alerts = veza_screen::csv_io::read_alerts(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    for alert in &alerts {
        store.create_alert(actor, alert).await?;
    }
    Ok(alerts.len())
}
