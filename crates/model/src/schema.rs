//! The schema as versioned data.
//!
//! `schema/v1.json` lists the entity kinds, their properties, the relation
//! kinds and every closed vocabulary. It is served at
//! `/api/v1/schema` so that other tools can validate exchanges without Rust.

/// The schema document of [`crate::SCHEMA_VERSION`] 1.
pub const SCHEMA_JSON: &str = include_str!("../schema/v1.json");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    fn codes(schema: &serde_json::Value, kind: &str) -> Vec<String> {
        schema["codes"][kind]
            .as_array()
            .unwrap_or_else(|| panic!("schema lacks codes.{kind}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    }

    fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn schema_data_agrees_with_the_rust_types() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).unwrap();
        assert_eq!(schema["schema_version"], SCHEMA_VERSION);
        assert_eq!(codes(&schema, "handling_code"), names(HandlingCode::ALL));
        assert_eq!(codes(&schema, "sex"), names(Sex::ALL));
        assert_eq!(
            codes(&schema, "data_subject_category"),
            names(SubjectCategory::ALL)
        );
        assert_eq!(codes(&schema, "user_role"), names(UserRole::ALL));
        assert_eq!(codes(&schema, "document_type"), names(DocumentType::ALL));
        assert_eq!(codes(&schema, "alert_category"), names(AlertCategory::ALL));
        assert_eq!(codes(&schema, "warning_marker"), names(WarningMarker::ALL));
        let relations = schema["relations"].as_object().unwrap();
        assert_eq!(relations.len(), RelationKind::ALL.len());
        for kind in RelationKind::ALL {
            let directed = relations[kind.as_str()]["directed"].as_bool().unwrap();
            assert_eq!(directed, !kind.is_symmetric(), "{kind}");
        }
    }
}
