//! Exit codes scripts can rely on (also in the README).

/// Everything worked.
pub const OK: u8 = 0;
/// A runtime failure (database unreachable, file unwritable...).
pub const FAILURE: u8 = 1;
/// Invalid input data: nothing was committed.
pub const BAD_INPUT: u8 = 3;
/// The audit chain failed verification.
pub const AUDIT_BROKEN: u8 = 4;

/// The exit code for an error that reached `main`.
pub fn code_for(e: &anyhow::Error) -> u8 {
    for cause in e.chain() {
        if let Some(core) = cause.downcast_ref::<veza_core::Error>() {
            return match core {
                veza_core::Error::Row(_) | veza_core::Error::Input(_) => BAD_INPUT,
                veza_core::Error::Store(
                    veza_store::Error::DuplicateRecord(_)
                    | veza_store::Error::Invalid(_)
                    | veza_store::Error::NotFound(_),
                ) => BAD_INPUT,
                _ => FAILURE,
            };
        }
        if cause.downcast_ref::<veza_io::Error>().is_some()
            || cause.downcast_ref::<veza_names::Error>().is_some()
        {
            return BAD_INPUT;
        }
        match cause.downcast_ref::<veza_store::Error>() {
            Some(veza_store::Error::AuditBroken(_)) => return AUDIT_BROKEN,
            Some(veza_store::Error::Invalid(_) | veza_store::Error::NotFound(_)) => {
                return BAD_INPUT;
            }
            _ => {}
        }
    }
    FAILURE
}
