//! HTML pages.

use axum::Extension;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use veza_core::import::{Rejects, import_reader};
use veza_core::search::search_records;
use veza_io::ImportOptions;
use veza_store::{Actor, Session, policy};

use crate::auth::check_csrf;
use crate::views::{DashboardPage, HitView, ImportPage, Nav, ReasonPage, RecordPage, SearchPage};
use crate::{AppError, AppState};

/// How many hits a search page shows.
const PAGE_HITS: usize = 50;

pub(crate) fn actor(session: &Session, reason: &str) -> Actor {
    session.user.actor().with_reason(reason.trim())
}

/// `GET /`.
pub(crate) async fn dashboard(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    let counts = state.store.counts().await?;
    let resolution = state.store.resolution_counts().await?;
    let backend = format!("{:?}", state.store.backend());
    Ok(DashboardPage {
        user: Some(Nav::of(&session)),
        counts,
        resolution,
        backend,
    }
    .into_response())
}

#[derive(Deserialize, Default)]
pub(crate) struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    reason: String,
}

/// `GET /search?q=…&reason=…`.
pub(crate) async fn search(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    if !policy::may_read_records(session.user.role) {
        return Err(AppError::Forbidden("Your role does not include searching person records. Border officers use the border check.".into()));
    }
    let q = query.q.trim();
    let mut page = SearchPage {
        user: Some(Nav::of(&session)),
        q: q.to_owned(),
        reason: query.reason.clone(),
        hits: Vec::new(),
        searched: !q.is_empty(),
        folded: String::new(),
        error: String::new(),
    };
    if q.chars().count() > 200 {
        return Err(AppError::BadRequest(
            "A name of more than 200 characters is not a name.".into(),
        ));
    }
    let reason = query.reason.trim();
    if !q.is_empty() && reason.is_empty() {
        page.searched = false;
        page.error = "Give the reason for this search (a case number or a short purpose): it is kept in the audit log.".into();
    } else if !q.is_empty() {
        page.folded = veza_names::search_folded(q);
        let hits = search_records(&state.store, &actor(&session, reason), q, PAGE_HITS).await?;
        page.hits = hits.into_iter().map(|h| hit_view(h, reason)).collect();
    }
    Ok(page.into_response())
}

fn hit_view(h: veza_core::search::Hit, reason: &str) -> HitView {
    let r = &h.record;
    HitView {
        href: format!(
            "/records/{}?reason={}",
            crate::auth::encode(&r.id),
            crate::auth::encode(reason)
        ),
        name: r.display_name(),
        matched_name: h.matched_name.clone(),
        script: format!("{:?}", veza_model::Script::of(&h.matched_name)).to_lowercase(),
        score: format!("{:.3}", h.score),
        score_pct: (h.score * 100.0).round().clamp(0.0, 100.0) as u32,
        date_of_birth: r.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        nationalities: r
            .nationalities
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        agency: r.provenance.agency.clone(),
        category: r
            .category
            .map(|c| c.as_str().replace('_', " "))
            .unwrap_or_default(),
        explanation: h.explanation.to_string(),
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct ReasonQuery {
    #[serde(default)]
    pub(crate) reason: String,
}

/// `GET /records/{id}`.
pub(crate) async fn record(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> Result<Response, AppError> {
    if q.reason.trim().is_empty() && policy::may_read_records(session.user.role) {
        let action = format!("/records/{}", crate::auth::encode(&id));
        return Ok(ReasonPage {
            user: Some(Nav::of(&session)),
            action,
        }
        .into_response());
    }
    let record = state
        .store
        .record(&actor(&session, &q.reason), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut page = RecordPage::of(Nav::of(&session), &record);
    page.person = state.store.person_of(&id).await?.map(|p| {
        (
            format!(
                "/persons/{}?reason={}",
                crate::auth::encode(&p),
                crate::auth::encode(q.reason.trim())
            ),
            p,
        )
    });
    Ok(page.into_response())
}

/// `GET /import`.
pub(crate) async fn import_form(
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    if !policy::may_import(session.user.role) {
        return Err(AppError::Forbidden(
            "Your role does not include importing records.".into(),
        ));
    }
    Ok(ImportPage {
        agency: session.user.agency.clone(),
        user: Some(Nav::of(&session)),
        message: String::new(),
        error: String::new(),
        rejects: String::new(),
    }
    .into_response())
}

/// `POST /import` (multipart): one file, committed whole or not at all.
pub(crate) async fn import_upload(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    if !policy::may_import(session.user.role) {
        return Err(AppError::Forbidden(
            "Your role does not include importing records.".into(),
        ));
    }
    let bad = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!("The upload could not be read: {e}"))
    };
    let (mut csrf, mut source, mut handling, mut skip_invalid) = (
        String::new(),
        session.user.agency.clone(),
        String::from("H0"),
        false,
    );
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(bad)?,
            "source" => source = field.text().await.map_err(bad)?.trim().to_owned(),
            "handling" => handling = field.text().await.map_err(bad)?,
            "skip_invalid" => skip_invalid = true,
            "file" => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                file = Some((name, field.bytes().await.map_err(bad)?.to_vec()));
            }
            _ => {}
        }
    }
    check_csrf(&session, &csrf)?;
    let (name, bytes) = file
        .filter(|(_, b)| !b.is_empty())
        .ok_or_else(|| AppError::BadRequest("Choose a file to import.".into()))?;
    if source.is_empty() {
        return Err(AppError::BadRequest("Name the reporting agency.".into()));
    }
    let mut opts = ImportOptions::new(source.clone());
    opts.handling = handling
        .parse()
        .map_err(|e: veza_model::Error| AppError::BadRequest(e.to_string()))?;
    opts.recorded_at = veza_store::clock::now();
    let mut page = ImportPage {
        agency: source,
        user: Some(Nav::of(&session)),
        message: String::new(),
        error: String::new(),
        rejects: String::new(),
    };
    let mut reject_buf: Vec<u8> = Vec::new();
    let result = {
        let mut rejects = skip_invalid.then(|| Rejects::new(&mut reject_buf));
        import_reader(
            &state.store,
            &actor(&session, "import"),
            &name,
            &bytes[..],
            &opts,
            rejects.as_mut(),
        )
        .await
    };
    match result {
        Ok(report) => {
            page.message = format!(
                "Imported {} records from {name} (import {}). {} rows set aside.",
                report.committed, report.import_id, report.rejected
            );
            if report.rejected > 0 {
                page.rejects = String::from_utf8_lossy(&reject_buf).into_owned();
            }
        }
        Err(veza_core::Error::Row(e)) => page.error = format!("Nothing was imported. {e}"),
        Err(veza_core::Error::Input(e)) => page.error = format!("Nothing was imported. {e}"),
        Err(e) => return Err(e.into()),
    }
    Ok(page.into_response())
}

/// Unknown paths.
pub(crate) async fn not_found() -> AppError {
    AppError::NotFound
}
