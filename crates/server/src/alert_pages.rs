//! Alert management in the web app (the SIRENE desk): list, create, edit,
//! extend after review, delete. Every change is audited by the store and
//! reaches the screening index at once.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use veza_model::{
    Alert, AlertCategory, CountryCode, DocumentType, IdentityDocument, NameKind, NameValue,
    PartialDate, Sex, Vehicle, WarningMarker,
};
use veza_store::{Session, clock, policy};

use crate::alerts::apply;
use crate::auth::{check_csrf, encode};
use crate::pages::actor;
use crate::views::{AlertFormPage, AlertRow, AlertsPage, Nav};
use crate::{AppError, AppState};

/// Alerts listed on one page.
const LIST_LIMIT: u32 = 200;

fn require_manager(session: &Session) -> Result<(), AppError> {
    if policy::may_manage_alerts(session.user.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Alerts are managed by investigators and liaison officers (the SIRENE desk).".into(),
        ))
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct ListQuery {
    #[serde(default)]
    category: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    done: String,
}

/// `GET /alerts`.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    require_manager(&session)?;
    let category = match q.category.trim() {
        "" => None,
        c => Some(
            c.parse::<AlertCategory>()
                .map_err(|e| AppError::BadRequest(e.to_string()))?,
        ),
    };
    let who = actor(&session, "alert management");
    let alerts = state
        .store
        .alert_list(&who, category, q.id.trim(), LIST_LIMIT)
        .await?;
    let due = state.store.alerts_due(&who, 100).await?;
    let indexed = state.alerts.read().map(|i| i.len()).unwrap_or_default();
    Ok(AlertsPage {
        user: Some(Nav::of(&session)),
        rows: alerts.iter().map(AlertRow::of).collect(),
        due: due
            .into_iter()
            .map(|(id, category, review)| (encode(&id), id, category, review))
            .collect(),
        categories: AlertCategory::ALL.iter().map(|c| c.as_str()).collect(),
        category: q.category.trim().to_owned(),
        id: q.id.trim().to_owned(),
        indexed,
        done: match q.done.as_str() {
            "created" => "Alert created; border checks see it now.",
            "updated" => "Alert updated; border checks see the change now.",
            "extended" => "Review recorded; the alert is kept for another period.",
            "deleted" => "Alert deleted; border checks no longer hit it.",
            _ => "",
        },
    }
    .into_response())
}

/// The alert form's fields, all as typed.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct AlertForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub family_names: String,
    #[serde(default)]
    pub given_names: String,
    #[serde(default)]
    pub birth_names: String,
    #[serde(default)]
    pub aliases: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub place_of_birth: String,
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub nationalities: String,
    #[serde(default)]
    pub document_type: String,
    #[serde(default)]
    pub document_number: String,
    #[serde(default)]
    pub document_country: String,
    #[serde(default)]
    pub plate: String,
    #[serde(default)]
    pub vin: String,
    #[serde(default)]
    pub armed: Option<String>,
    #[serde(default)]
    pub violent: Option<String>,
    #[serde(default)]
    pub escaped: Option<String>,
    #[serde(default)]
    pub suicide_risk: Option<String>,
    #[serde(default)]
    pub public_health: Option<String>,
    #[serde(default)]
    pub terrorism: Option<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub offence: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub issuing_authority: String,
    #[serde(default)]
    pub linked_alerts: String,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.split(['\n', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

fn field_error(field: &str, e: impl std::fmt::Display) -> String {
    format!("{field}: {e}")
}

impl AlertForm {
    /// The form of an existing alert.
    pub(crate) fn of(a: &Alert) -> AlertForm {
        let names = |kind: NameKind| {
            a.names
                .iter()
                .filter(|n| n.kind == kind)
                .map(|n| n.value.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let doc = a.documents.first();
        let marker = |m: WarningMarker| a.warning_markers.contains(&m).then(|| "on".to_owned());
        AlertForm {
            csrf: String::new(),
            id: a.id.clone(),
            category: a.category.as_str().to_owned(),
            family_names: names(NameKind::Family),
            given_names: names(NameKind::Given),
            birth_names: names(NameKind::Birth),
            aliases: names(NameKind::Alias),
            date_of_birth: a.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            place_of_birth: a.place_of_birth.clone(),
            sex: a.sex.map(|s| s.to_string()).unwrap_or_default(),
            nationalities: a
                .nationalities
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            document_type: doc.map(|d| d.kind.to_string()).unwrap_or_default(),
            document_number: doc.map(|d| d.number.clone()).unwrap_or_default(),
            document_country: doc
                .and_then(|d| d.country)
                .map(|c| c.to_string())
                .unwrap_or_default(),
            plate: a
                .vehicle
                .as_ref()
                .map(|v| v.plate.clone())
                .unwrap_or_default(),
            vin: a
                .vehicle
                .as_ref()
                .map(|v| v.vin.clone())
                .unwrap_or_default(),
            armed: marker(WarningMarker::Armed),
            violent: marker(WarningMarker::Violent),
            escaped: marker(WarningMarker::Escaped),
            suicide_risk: marker(WarningMarker::SuicideRisk),
            public_health: marker(WarningMarker::PublicHealth),
            terrorism: marker(WarningMarker::Terrorism),
            reason: a.reason.clone(),
            offence: a.offence.clone(),
            action: a.action.clone(),
            issuing_authority: a.issuing_authority.clone(),
            linked_alerts: a.linked_alerts.join(", "),
        }
    }

    /// Builds the alert; an error names the field. `existing` keeps the
    /// dates and issuing country of an alert being edited.
    pub(crate) fn to_alert(
        &self,
        session: &Session,
        existing: Option<&Alert>,
    ) -> Result<Alert, String> {
        let category: AlertCategory = self
            .category
            .trim()
            .parse()
            .map_err(|e| field_error("Category", e))?;
        let mut names = Vec::new();
        for (kind, text) in [
            (NameKind::Family, &self.family_names),
            (NameKind::Given, &self.given_names),
            (NameKind::Birth, &self.birth_names),
            (NameKind::Alias, &self.aliases),
        ] {
            names.extend(lines(text).map(|v| NameValue::new(kind, v)));
        }
        let date_of_birth = match self.date_of_birth.trim() {
            "" => None,
            d => Some(
                d.parse::<PartialDate>()
                    .map_err(|e| field_error("Date of birth", e))?,
            ),
        };
        let sex = match self.sex.trim() {
            "" => None,
            s => Some(s.parse::<Sex>().map_err(|e| field_error("Sex", e))?),
        };
        let nationalities = self
            .nationalities
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| {
                c.parse::<CountryCode>()
                    .map_err(|e| field_error("Nationalities", e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut documents = Vec::new();
        if !self.document_number.trim().is_empty() {
            documents.push(IdentityDocument {
                kind: match self.document_type.trim() {
                    "" => DocumentType::Passport,
                    t => t
                        .parse::<DocumentType>()
                        .map_err(|e| field_error("Document type", e))?,
                },
                number: self.document_number.trim().to_owned(),
                country: match self.document_country.trim() {
                    "" => None,
                    c => Some(
                        c.parse::<CountryCode>()
                            .map_err(|e| field_error("Document country", e))?,
                    ),
                },
                expiry: None,
            });
        }
        let vehicle =
            (!self.plate.trim().is_empty() || !self.vin.trim().is_empty()).then(|| Vehicle {
                id: String::new(),
                plate: self.plate.trim().to_owned(),
                vin: self.vin.trim().to_owned(),
                make_model: String::new(),
                country: None,
            });
        if category.is_person() && names.is_empty() {
            return Err(
                "Names: a person alert needs at least one surname, forename or alias.".into(),
            );
        }
        if !category.is_person() && documents.is_empty() && vehicle.is_none() {
            return Err(
                "Object: an object alert needs a document number, a plate or a VIN.".into(),
            );
        }
        let mut warning_markers = Vec::new();
        for (on, m) in [
            (&self.armed, WarningMarker::Armed),
            (&self.violent, WarningMarker::Violent),
            (&self.escaped, WarningMarker::Escaped),
            (&self.suicide_risk, WarningMarker::SuicideRisk),
            (&self.public_health, WarningMarker::PublicHealth),
            (&self.terrorism, WarningMarker::Terrorism),
        ] {
            if on.is_some() {
                warning_markers.push(m);
            }
        }
        let period = || -> Result<PartialDate, String> {
            clock::date_in_years(category.review_years())
                .parse()
                .map_err(|e| field_error("Review date", e))
        };
        let (review_date, expiry, issuing_country) = match existing {
            Some(a) if a.category == category => (a.review_date, a.expiry, a.issuing_country),
            Some(a) => (period()?, period()?, a.issuing_country),
            None => (
                period()?,
                period()?,
                session
                    .user
                    .country
                    .parse::<CountryCode>()
                    .map_err(|e| field_error("Issuing country (your account's country)", e))?,
            ),
        };
        let id = match (existing, self.id.trim()) {
            (Some(a), _) => a.id.clone(),
            (None, "") => format!(
                "{}-{}",
                session.user.agency,
                &veza_core::password::random_token()[..10]
            ),
            (None, id) => id.to_owned(),
        };
        Ok(Alert {
            id,
            category,
            names,
            date_of_birth,
            place_of_birth: self.place_of_birth.trim().to_owned(),
            sex,
            nationalities,
            documents,
            vehicle,
            warning_markers,
            reason: self.reason.trim().to_owned(),
            offence: self.offence.trim().to_owned(),
            action: match self.action.trim() {
                "" => category.default_action().to_owned(),
                a => a.to_owned(),
            },
            issuing_authority: match self.issuing_authority.trim() {
                "" => session.user.agency.clone(),
                a => a.to_owned(),
            },
            issuing_country,
            review_date,
            expiry,
            linked_alerts: self
                .linked_alerts
                .split([',', ';', ' ', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

fn form_page(session: &Session, form: AlertForm, editing: bool, error: String) -> Response {
    AlertFormPage {
        user: Some(Nav::of(session)),
        categories: AlertCategory::ALL.iter().map(|c| c.as_str()).collect(),
        document_types: DocumentType::ALL.iter().map(|c| c.as_str()).collect(),
        form,
        editing,
        error,
    }
    .into_response()
}

/// `GET /alerts/new`.
pub(crate) async fn new_form(Extension(session): Extension<Session>) -> Result<Response, AppError> {
    require_manager(&session)?;
    let form = AlertForm {
        category: AlertCategory::Arrest.as_str().into(),
        ..AlertForm::default()
    };
    Ok(form_page(&session, form, false, String::new()))
}

/// `POST /alerts/new`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Form(form): Form<AlertForm>,
) -> Result<Response, AppError> {
    require_manager(&session)?;
    check_csrf(&session, &form.csrf)?;
    let alert = match form.to_alert(&session, None) {
        Ok(a) => a,
        Err(e) => return Ok(form_page(&session, form, false, e)),
    };
    match state
        .store
        .create_alert(&actor(&session, "alert management"), &alert)
        .await
    {
        Ok(()) => {}
        Err(veza_store::Error::DuplicateRecord(_)) => {
            let e = format!(
                "Alert id: {} exists already; choose another or leave it empty.",
                alert.id
            );
            return Ok(form_page(&session, form, false, e));
        }
        Err(e) => return Err(e.into()),
    }
    apply(&state, |i| i.upsert(alert));
    Ok(Redirect::to("/alerts?done=created").into_response())
}

/// `GET /alerts/{id}`: the alert in its form, to edit.
pub(crate) async fn edit_form(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    require_manager(&session)?;
    let alert = state
        .store
        .alert(&actor(&session, "alert management"), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(form_page(
        &session,
        AlertForm::of(&alert),
        true,
        String::new(),
    ))
}

/// `POST /alerts/{id}`: saves an edit.
pub(crate) async fn update(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Form(form): Form<AlertForm>,
) -> Result<Response, AppError> {
    require_manager(&session)?;
    check_csrf(&session, &form.csrf)?;
    let who = actor(&session, "alert management");
    let existing = state
        .store
        .alert(&who, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let alert = match form.to_alert(&session, Some(&existing)) {
        Ok(a) => a,
        Err(e) => return Ok(form_page(&session, form, true, e)),
    };
    state.store.update_alert(&who, &alert).await?;
    apply(&state, |i| i.upsert(alert));
    Ok(Redirect::to("/alerts?done=updated").into_response())
}

#[derive(Deserialize)]
pub(crate) struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /alerts/{id}/extend`: the review decided to keep the alert; its
/// review date and expiry move one category period ahead.
pub(crate) async fn extend(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    require_manager(&session)?;
    check_csrf(&session, &form.csrf)?;
    let reason = match form.reason.trim() {
        "" => "alert review: still needed",
        r => r,
    };
    let who = actor(&session, reason);
    let mut alert = state
        .store
        .alert(&who, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let next: PartialDate = clock::date_in_years(alert.category.review_years())
        .parse()
        .map_err(|e: veza_model::Error| AppError::Internal(e.to_string()))?;
    alert.review_date = next;
    alert.expiry = next;
    state.store.update_alert(&who, &alert).await?;
    apply(&state, |i| i.upsert(alert));
    Ok(Redirect::to("/alerts?done=extended").into_response())
}

/// `POST /alerts/{id}/delete`: needs a reason.
pub(crate) async fn delete(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    require_manager(&session)?;
    check_csrf(&session, &form.csrf)?;
    if form.reason.trim().is_empty() {
        return Err(AppError::BadRequest(
            "Give the reason for deleting the alert; it is kept in the audit log.".into(),
        ));
    }
    if !state
        .store
        .delete_alert(&actor(&session, &form.reason), &id)
        .await?
    {
        return Err(AppError::NotFound);
    }
    apply(&state, |i| {
        i.remove(&id);
    });
    Ok(Redirect::to("/alerts?done=deleted").into_response())
}
