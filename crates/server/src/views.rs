//! Page models: one struct per template, checked at compile time.

use askama::Template;
use askama_web::WebTemplate;
use veza_model::{PersonRecord, UserRole};
use veza_store::{Counts, Session, policy};

/// What the navigation bar needs to know about the signed-in user.
#[derive(Debug, Clone)]
pub(crate) struct Nav {
    pub name: String,
    pub role: String,
    pub agency: String,
    pub csrf: String,
    pub can_search: bool,
    pub can_import: bool,
    pub can_review: bool,
    pub can_audit: bool,
    pub can_check: bool,
    pub can_judge: bool,
    pub can_manage_alerts: bool,
}

impl Nav {
    pub(crate) fn of(session: &Session) -> Nav {
        let role: UserRole = session.user.role;
        Nav {
            name: session.user.display_name.clone(),
            role: role.as_str().replace('_', " "),
            agency: session.user.agency.clone(),
            csrf: session.csrf.clone(),
            can_search: policy::may_read_records(role),
            can_import: policy::may_import(role),
            can_review: matches!(role, UserRole::Investigator | UserRole::VictimSupport),
            can_audit: policy::may_read_audit(role),
            can_check: crate::checks::may_check(role),
            can_judge: policy::may_judge(role),
            can_manage_alerts: policy::may_manage_alerts(role),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub(crate) struct LoginPage {
    pub user: Option<Nav>,
    pub csrf: String,
    pub next: String,
    pub error: String,
    pub username: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage {
    pub title: String,
    pub message: String,
    pub user: Option<Nav>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
pub(crate) struct DashboardPage {
    pub user: Option<Nav>,
    pub counts: Counts,
    pub resolution: veza_store::ResolutionCounts,
    pub backend: String,
}

/// One row of the search results.
pub(crate) struct HitView {
    pub href: String,
    pub name: String,
    pub matched_name: String,
    pub script: String,
    pub score: String,
    pub score_pct: u32,
    pub date_of_birth: String,
    pub nationalities: String,
    pub agency: String,
    pub category: String,
    pub explanation: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
pub(crate) struct SearchPage {
    pub user: Option<Nav>,
    pub q: String,
    pub reason: String,
    pub hits: Vec<HitView>,
    pub searched: bool,
    pub folded: String,
    pub error: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reason.html")]
pub(crate) struct ReasonPage {
    pub user: Option<Nav>,
    pub action: String,
}

/// An address on one line, empty parts left out.
fn address_line(a: &veza_model::Address) -> String {
    [
        a.street.as_str(),
        a.postcode.as_str(),
        a.city.as_str(),
        a.region.as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(", ")
}

/// A document as type, number and issuing country.
fn document_line(d: &veza_model::IdentityDocument) -> String {
    format!(
        "{} {} {}",
        d.kind,
        d.number,
        d.country.map(|c| c.to_string()).unwrap_or_default()
    )
    .trim()
    .to_owned()
}

/// A date of birth, flagged when it may be a registration placeholder.
fn date_of_birth_line(d: veza_model::PartialDate) -> String {
    if d.is_placeholder() {
        format!("{d} (1 January: possibly a placeholder)")
    } else {
        d.to_string()
    }
}

/// A labelled value on the record page.
pub(crate) struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "record.html")]
pub(crate) struct RecordPage {
    pub user: Option<Nav>,
    pub title: String,
    pub names: Vec<(String, String, String)>,
    pub facts: Vec<Fact>,
    pub provenance: Vec<Fact>,
    pub json: String,
    /// The resolved person's page, when resolution has run: (href, id).
    pub person: Option<(String, String)>,
}

impl RecordPage {
    pub(crate) fn of(user: Nav, r: &PersonRecord) -> RecordPage {
        let mut facts = Vec::new();
        let mut push = |label, value: String| {
            if !value.is_empty() {
                facts.push(Fact { label, value });
            }
        };
        push("Record", r.id.clone());
        push("Sex", r.sex.map(|s| s.to_string()).unwrap_or_default());
        push(
            "Date of birth",
            r.date_of_birth.map(date_of_birth_line).unwrap_or_default(),
        );
        push(
            "Estimated age",
            r.estimated_age.map(|a| a.to_string()).unwrap_or_default(),
        );
        push("Place of birth", r.place_of_birth.clone());
        push(
            "Nationalities",
            r.nationalities
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        );
        for d in &r.documents {
            push("Document", document_line(d));
        }
        push("Phones", r.phones.join(", "));
        for a in &r.addresses {
            push("Address", address_line(a));
        }
        push("National id", r.national_id.clone());
        push(
            "Data-subject category",
            r.category
                .map(|c| c.as_str().replace('_', " "))
                .unwrap_or_default(),
        );
        push("Remarks", r.remarks.clone());
        let p = &r.provenance;
        let provenance = vec![
            Fact {
                label: "Agency",
                value: p.agency.clone(),
            },
            Fact {
                label: "Country",
                value: p
                    .country
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "unknown".into()),
            },
            Fact {
                label: "Recorded",
                value: p.recorded_at.clone(),
            },
            Fact {
                label: "Source",
                value: p.source_ref.clone(),
            },
            Fact {
                label: "Handling code",
                value: p.handling.to_string(),
            },
        ];
        RecordPage {
            user: Some(user),
            title: r.display_name(),
            names: r
                .names
                .iter()
                .map(|n| {
                    (
                        format!("{:?}", n.kind).to_lowercase(),
                        n.value.clone(),
                        format!("{:?}", n.script).to_lowercase(),
                    )
                })
                .collect(),
            facts,
            provenance,
            json: serde_json::to_string_pretty(r).unwrap_or_default(),
            person: None,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "import.html")]
pub(crate) struct ImportPage {
    pub user: Option<Nav>,
    pub agency: String,
    pub message: String,
    pub error: String,
    pub rejects: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "review.html")]
pub(crate) struct ReviewPage {
    pub user: Option<Nav>,
    pub due: Vec<veza_store::DueRecord>,
}

/// One audit entry as shown to auditors.
pub(crate) struct AuditRow {
    pub seq: u64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub reason: String,
    pub outcome: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
pub(crate) struct AuditPage {
    pub user: Option<Nav>,
    pub chain: String,
    pub intact: bool,
    pub head_seq: u64,
    pub head_hash: String,
    pub rows: Vec<AuditRow>,
}

/// One hit of a border check, ready to show.
pub(crate) struct HitCard {
    pub rank: usize,
    pub alert_id: String,
    pub score: String,
    pub protective: bool,
    pub headline: String,
    pub markers: String,
    pub explanation: String,
}

impl HitCard {
    pub(crate) fn of(h: &veza_screen::Hit) -> HitCard {
        HitCard {
            rank: h.rank,
            alert_id: h.alert_id.clone(),
            score: format!("{:.3}", h.score),
            protective: h.protective,
            headline: h.headline(),
            markers: h
                .warning_markers
                .iter()
                .map(|m| m.as_str().replace('_', " "))
                .collect::<Vec<_>>()
                .join(", "),
            explanation: h.explanation.to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "check.html")]
pub(crate) struct CheckPage {
    pub user: Option<Nav>,
    pub alerts: usize,
    pub name: String,
    pub date_of_birth: String,
    pub nationality: String,
    pub document_number: String,
    pub mrz: String,
    pub checked: bool,
    pub hits: Vec<HitCard>,
    pub error: String,
    pub mrz_summary: String,
    pub mrz_warnings: Vec<String>,
    pub threshold: String,
}

impl CheckPage {
    pub(crate) fn empty(user: Nav, alerts: usize) -> CheckPage {
        CheckPage {
            user: Some(user),
            alerts,
            name: String::new(),
            date_of_birth: String::new(),
            nationality: String::new(),
            document_number: String::new(),
            mrz: String::new(),
            checked: false,
            hits: Vec::new(),
            error: String::new(),
            mrz_summary: String::new(),
            mrz_warnings: Vec::new(),
            threshold: format!("{:.2}", veza_screen::REVIEW_THRESHOLD),
        }
    }
}

/// One record of a person, as listed on the person page.
pub(crate) struct PersonRecordRow {
    pub id: String,
    pub href: String,
    pub name: String,
    pub agency: String,
    pub country: String,
    pub recorded_at: String,
    pub category: String,
    pub protective: bool,
}

/// One value of a merged field and the records that reported it.
pub(crate) struct MergedValue {
    pub value: String,
    pub sources: String,
    pub count: usize,
}

/// A field of the merged person.
pub(crate) struct MergedField {
    pub label: &'static str,
    pub values: Vec<MergedValue>,
}

/// One bar of a link's waterfall.
pub(crate) struct ContributionRow {
    pub field: String,
    pub label: String,
    pub a: String,
    pub b: String,
    pub weight: String,
    pub positive: bool,
}

/// A scored pair with its explanation.
pub(crate) struct PairView {
    pub a: String,
    pub b: String,
    pub probability: String,
    pub probability_pct: u32,
    pub weight: String,
    pub status: &'static str,
    pub rows: Vec<ContributionRow>,
}

impl PairView {
    pub(crate) fn of(p: &veza_store::ScoredPair) -> PairView {
        PairView {
            a: p.a.clone(),
            b: p.b.clone(),
            probability: format!("{:.3}", p.probability),
            probability_pct: (p.probability * 100.0).round().clamp(0.0, 100.0) as u32,
            weight: format!("{:+.1}", p.weight),
            status: if p.linked {
                "linked"
            } else if p.probability >= veza_store::REVIEW_BAND.0 {
                "uncertain"
            } else {
                "not linked"
            },
            rows: crate::persons::contributions(p)
                .into_iter()
                .filter(|c| c.level > 0)
                .map(|c| ContributionRow {
                    positive: c.weight >= 0.0,
                    weight: format!("{:+.2}", c.weight),
                    label: if c.tf_adjusted {
                        format!("{} (value frequency)", c.label)
                    } else {
                        c.label
                    },
                    field: c.field,
                    a: c.a,
                    b: c.b,
                })
                .collect(),
        }
    }
}

/// A judgement as listed.
pub(crate) struct JudgementRow {
    pub pair: String,
    pub verdict: String,
    pub user: String,
    pub at: String,
    pub reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "person.html")]
pub(crate) struct PersonPage {
    pub user: Option<Nav>,
    pub person_id: String,
    pub title: String,
    pub reason: String,
    pub records: Vec<PersonRecordRow>,
    pub withheld: u32,
    pub agencies: usize,
    pub protection: bool,
    pub fields: Vec<MergedField>,
    pub pairs: Vec<PairView>,
    pub judgements: Vec<JudgementRow>,
    pub can_judge: bool,
}

impl PersonPage {
    pub(crate) fn of(
        user: Nav,
        view: &veza_store::PersonView,
        reason: &str,
        can_judge: bool,
    ) -> PersonPage {
        use crate::persons::merge_values;
        let reason_q = crate::auth::encode(reason.trim());
        let records: Vec<PersonRecordRow> = view
            .records
            .iter()
            .map(|r| PersonRecordRow {
                id: r.id.clone(),
                href: format!("/records/{}?reason={reason_q}", crate::auth::encode(&r.id)),
                name: r.display_name(),
                agency: r.provenance.agency.clone(),
                country: r
                    .provenance
                    .country
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                recorded_at: r.provenance.recorded_at.clone(),
                category: r
                    .category
                    .map(|c| c.as_str().replace('_', " "))
                    .unwrap_or_default(),
                protective: r
                    .category
                    .is_some_and(veza_model::SubjectCategory::is_victim),
            })
            .collect();
        let field = |label, values: Vec<(String, Vec<String>)>| MergedField {
            label,
            values: values
                .into_iter()
                .map(|(value, ids)| MergedValue {
                    count: ids.len(),
                    sources: ids.join(", "),
                    value,
                })
                .collect(),
        };
        let fields = vec![
            field(
                "Names",
                merge_values(view, |r| {
                    r.names
                        .iter()
                        .map(|n| {
                            format!("{} ({})", n.value, format!("{:?}", n.kind).to_lowercase())
                        })
                        .collect()
                }),
            ),
            field(
                "Date of birth",
                merge_values(view, |r| {
                    r.date_of_birth
                        .map(date_of_birth_line)
                        .into_iter()
                        .collect()
                }),
            ),
            field(
                "Sex",
                merge_values(view, |r| r.sex.map(|s| s.to_string()).into_iter().collect()),
            ),
            field(
                "Nationalities",
                merge_values(view, |r| {
                    r.nationalities.iter().map(ToString::to_string).collect()
                }),
            ),
            field(
                "Place of birth",
                merge_values(view, |r| vec![r.place_of_birth.clone()]),
            ),
            field(
                "Documents",
                merge_values(view, |r| r.documents.iter().map(document_line).collect()),
            ),
            field("Phones", merge_values(view, |r| r.phones.clone())),
            field(
                "Addresses",
                merge_values(view, |r| r.addresses.iter().map(address_line).collect()),
            ),
        ]
        .into_iter()
        .filter(|f| !f.values.is_empty())
        .collect();
        let names = merge_values(view, |r| vec![r.display_name()]);
        let agencies = view
            .records
            .iter()
            .map(|r| r.provenance.agency.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len();
        PersonPage {
            user: Some(user),
            person_id: view.person_id.clone(),
            title: names
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|| view.person_id.clone()),
            reason: reason.trim().to_owned(),
            protection: records.iter().any(|r| r.protective),
            records,
            withheld: view.withheld,
            agencies,
            fields,
            pairs: view.pairs.iter().map(PairView::of).collect(),
            judgements: view
                .judgements
                .iter()
                .map(|j| JudgementRow {
                    pair: format!("{} ~ {}", j.a, j.b),
                    verdict: j.verdict.as_str().replace('_', " "),
                    user: j.user.clone(),
                    at: j.at.clone(),
                    reason: j.reason.clone(),
                })
                .collect(),
            can_judge,
        }
    }
}

/// One side of a pair under review.
pub(crate) struct ReviewSide {
    pub id: String,
    pub name: String,
    pub agency: String,
    pub category: String,
    pub recorded_at: String,
}

impl ReviewSide {
    fn of(r: &PersonRecord) -> ReviewSide {
        ReviewSide {
            id: r.id.clone(),
            name: r
                .names
                .iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
            agency: r.provenance.agency.clone(),
            category: r
                .category
                .map(|c| c.as_str().replace('_', " "))
                .unwrap_or_default(),
            recorded_at: r.provenance.recorded_at.clone(),
        }
    }
}

/// A pair in the review queue.
pub(crate) struct ReviewPairView {
    pub pair: PairView,
    pub left: ReviewSide,
    pub right: ReviewSide,
}

#[derive(Template, WebTemplate)]
#[template(path = "pair_review.html")]
pub(crate) struct PairReviewPage {
    pub user: Option<Nav>,
    pub pairs: Vec<ReviewPairView>,
    pub band: String,
    /// The filters, each with its count and whether it is the one shown.
    pub tabs: Vec<ReviewTab>,
    /// The filter shown (`join`, `within`, or empty), kept by the forms.
    pub kind: &'static str,
}

/// One filter of the review queue.
pub(crate) struct ReviewTab {
    pub href: &'static str,
    pub label: &'static str,
    pub count: u64,
    pub current: bool,
}

impl PairReviewPage {
    pub(crate) fn of(
        user: Nav,
        pairs: &[veza_store::ReviewPair],
        kind: veza_store::ReviewKind,
        counts: &veza_store::ResolutionCounts,
    ) -> PairReviewPage {
        use veza_store::ReviewKind;
        let tab = |k: ReviewKind, href, label, count| ReviewTab {
            href,
            label,
            count,
            current: k == kind,
        };
        PairReviewPage {
            kind: crate::persons::review_kind_name(kind),
            tabs: vec![
                tab(
                    ReviewKind::All,
                    "/persons/review",
                    "All uncertain pairs",
                    counts.pending_pairs,
                ),
                tab(
                    ReviewKind::Join,
                    "/persons/review?kind=join",
                    "Could join two persons",
                    counts.pending_join,
                ),
                tab(
                    ReviewKind::Within,
                    "/persons/review?kind=within",
                    "Within one person",
                    counts.pending_pairs.saturating_sub(counts.pending_join),
                ),
            ],
            user: Some(user),
            band: format!(
                "{:.0} % to {:.0} %",
                veza_store::REVIEW_BAND.0 * 100.0,
                veza_store::REVIEW_BAND.1 * 100.0
            ),
            pairs: pairs
                .iter()
                .map(|p| ReviewPairView {
                    pair: PairView::of(&p.pair),
                    left: ReviewSide::of(&p.record_a),
                    right: ReviewSide::of(&p.record_b),
                })
                .collect(),
        }
    }
}

/// One alert in the management list.
pub(crate) struct AlertRow {
    pub id: String,
    pub href: String,
    pub category: String,
    pub protective: bool,
    pub subject: String,
    pub date_of_birth: String,
    pub markers: String,
    pub issuing: String,
    pub review_date: String,
    pub expiry: String,
}

impl AlertRow {
    pub(crate) fn of(a: &veza_model::Alert) -> AlertRow {
        let subject = if a.category.is_person() {
            a.names
                .iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>()
                .join(" · ")
        } else {
            let mut parts: Vec<String> = a
                .documents
                .iter()
                .map(|d| format!("{} {}", d.kind, d.number))
                .collect();
            if let Some(v) = &a.vehicle {
                parts.push(format!("{} {}", v.plate, v.vin).trim().to_owned());
            }
            parts.join(" · ")
        };
        AlertRow {
            id: a.id.clone(),
            href: format!("/alerts/{}", crate::auth::encode(&a.id)),
            category: a.category.as_str().replace('_', " "),
            protective: a.category.is_protective(),
            subject,
            date_of_birth: a.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            markers: a
                .warning_markers
                .iter()
                .map(|m| m.as_str().replace('_', " "))
                .collect::<Vec<_>>()
                .join(", "),
            issuing: format!("{} {}", a.issuing_country, a.issuing_authority)
                .trim()
                .to_owned(),
            review_date: a.review_date.to_string(),
            expiry: a.expiry.to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "alerts.html")]
pub(crate) struct AlertsPage {
    pub user: Option<Nav>,
    pub rows: Vec<AlertRow>,
    /// (href id, id, category, review date) of alerts due for review.
    pub due: Vec<(String, String, String, String)>,
    pub categories: Vec<&'static str>,
    pub category: String,
    pub id: String,
    pub indexed: usize,
    pub done: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "alert_form.html")]
pub(crate) struct AlertFormPage {
    pub user: Option<Nav>,
    pub categories: Vec<&'static str>,
    pub document_types: Vec<&'static str>,
    pub form: crate::alert_pages::AlertForm,
    pub editing: bool,
    pub error: String,
}
