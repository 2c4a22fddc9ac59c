//! Command-line arguments. The contracts in docs/contracts.md are kept exactly.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// veza: cross-border co-operation against migrant smuggling and trafficking
/// in human beings, and protection of their victims.
#[derive(Debug, Parser)]
#[command(name = "veza", version, about)]
pub struct Cli {
    /// Data directory (SQLite store and files).
    #[arg(
        long,
        global = true,
        env = "VEZA_DATA_DIR",
        default_value = "./veza-data"
    )]
    pub data_dir: PathBuf,
    /// Database URL (postgres://… for production); default: SQLite in the data directory.
    #[arg(long, global = true, env = "VEZA_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and API.
    Serve(ServeArgs),
    /// Fill the store with synthetic route data and demo accounts, then serve.
    Demo(DemoArgs),
    /// Import a CSV or JSON Lines file of person records (all or nothing).
    Import(ImportArgs),
    /// Export the records to stdout.
    Export(ExportArgs),
    /// Generate synthetic Western Balkan route data with ground truth.
    Generate(GenerateArgs),
    /// Screen a file of border-check queries against a file of alerts.
    Screen(ScreenArgs),
    /// One border check against the store's active alerts.
    Check(CheckArgs),
    /// Resolve records from one or more files into persons (clusters).
    Resolve(ResolveArgs),
    /// Decide whether two stored records are one person; every later resolution respects it.
    Judge(JudgeArgs),
    /// Alerts in the store.
    Alerts {
        /// What to do.
        #[command(subcommand)]
        command: AlertsCommand,
    },
    /// Normalise and score person names across scripts.
    Names {
        /// What to do.
        #[command(subcommand)]
        command: NamesCommand,
    },
    /// Accounts.
    Admin {
        /// What to do.
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// The tamper-evident audit log.
    Audit {
        /// What to do.
        #[command(subcommand)]
        command: AuditCommand,
    },
}

/// `veza serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Mark cookies Secure (when served over TLS or behind a TLS proxy).
    #[arg(long, env = "VEZA_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Add the alerts of this CSV (the `veza screen` alert columns) to the store before serving.
    #[arg(long)]
    pub alerts: Option<PathBuf>,
}

/// `veza demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Synthetic persons to generate on first start.
    #[arg(long, default_value_t = 5000)]
    pub persons: u64,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Prepare the store and exit without serving.
    #[arg(long)]
    pub no_serve: bool,
}

/// `veza import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file (.csv, or .jsonl / .ndjson).
    pub file: PathBuf,
    /// Reporting agency (used for rows without a `source` value).
    #[arg(long)]
    pub source: String,
    /// Map a file column to a canonical field: SOURCE_COLUMN=FIELD (or =ignore).
    #[arg(long = "map", value_name = "COL=FIELD")]
    pub map: Vec<String>,
    /// Set bad rows aside in a reject file and import the rest.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where rejected rows go (default: FILE.rejects.csv beside the input).
    #[arg(long)]
    pub reject_file: Option<PathBuf>,
    /// SIENA handling code of the whole file.
    #[arg(long, default_value = "H0")]
    pub handling: String,
    /// Country of the agency (ISO 3166-1 alpha-2).
    #[arg(long)]
    pub country: Option<String>,
    /// Reason for the import, kept in the audit log.
    #[arg(long, default_value = "")]
    pub reason: String,
}

/// `veza export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv or jsonl.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Reason for the export, kept in the audit log.
    #[arg(long, default_value = "")]
    pub reason: String,
}

/// `veza generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Seed: the same seed and size give identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of synthetic persons.
    #[arg(long, default_value_t = 10_000)]
    pub persons: u64,
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    /// Print the distributions of what was generated.
    #[arg(long)]
    pub stats: bool,
    /// Also import records.csv into the store.
    #[arg(long)]
    pub into_store: bool,
}

/// `veza screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Alerts CSV (alert_id, category, full_name or given_name + family_name, aliases, date_of_birth, sex, nationality, document_number).
    #[arg(long)]
    pub alerts: PathBuf,
    /// Queries CSV (query_id and the same person columns, or mrz).
    #[arg(long)]
    pub queries: PathBuf,
    /// Hits per query at most.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Hits CSV: query_id,alert_id,rank,score.
    #[arg(long)]
    pub output: PathBuf,
}

/// `veza resolve`.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// Input CSV files (canonical columns plus mapped or declared ones).
    #[arg(
        long = "input",
        required_unless_present = "store",
        conflicts_with = "store"
    )]
    pub inputs: Vec<PathBuf>,
    /// Resolve the store's records instead of files: incremental (the stored
    /// model, new records scored against all) unless --retrain.
    #[arg(long)]
    pub store: bool,
    /// With --store: train a new model and rescore every pair.
    #[arg(long, requires = "store")]
    pub retrain: bool,
    /// Link records across inputs only, never within one.
    #[arg(long)]
    pub link_only: bool,
    /// Read a source column as a canonical field: SOURCE_COLUMN=FIELD.
    #[arg(long = "map", value_name = "COL=FIELD")]
    pub map: Vec<String>,
    /// Compare a column that maps to no canonical field: COLUMN:KIND (exact, fuzzy, name, date, id).
    #[arg(long = "field", value_name = "COL:KIND")]
    pub field: Vec<String>,
    /// clusters.csv: record_id,cluster_id, one row per input record.
    #[arg(long, required_unless_present = "store", conflicts_with = "store")]
    pub output: Option<PathBuf>,
}

/// `veza judge`: an analyst's decision on whether two records are one person.
#[derive(Debug, Args)]
pub struct JudgeArgs {
    /// First record id.
    pub a: String,
    /// Second record id.
    pub b: String,
    /// same, not-same or unsure.
    pub verdict: String,
    /// Why (kept in the audit log).
    #[arg(long)]
    pub reason: String,
}

/// `veza alerts …`.
#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Add the alerts of a CSV (the `veza screen` alert columns); a bad file adds nothing.
    Import {
        /// The alerts file.
        file: PathBuf,
    },
}

/// `veza check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Name in any script.
    #[arg(long, default_value = "")]
    pub name: String,
    /// Date of birth.
    #[arg(long = "dob", default_value = "")]
    pub date_of_birth: String,
    /// Nationality codes.
    #[arg(long, default_value = "")]
    pub nationality: String,
    /// M, F or U.
    #[arg(long, default_value = "")]
    pub sex: String,
    /// Machine-readable zone (lines separated by newlines).
    #[arg(long, default_value = "")]
    pub mrz: String,
    /// Document number.
    #[arg(long = "document", default_value = "")]
    pub document_number: String,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `veza names …`.
#[derive(Debug, Subcommand)]
pub enum NamesCommand {
    /// Show a name's cleaned forms, tokens and keys.
    Normalize {
        /// The name.
        name: String,
    },
    /// Score two names with the explanation, or a CSV of pairs.
    Score {
        /// First name.
        #[arg(required_unless_present = "pairs")]
        a: Option<String>,
        /// Second name.
        #[arg(required_unless_present = "pairs")]
        b: Option<String>,
        /// CSV with header a,b; prints a,b,score in input order.
        #[arg(long, conflicts_with_all = ["a", "b"])]
        pairs: Option<PathBuf>,
        /// Print the explanation as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `veza admin …`.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an account (the first one is usually an admin).
    Create {
        /// User name.
        #[arg(long)]
        username: String,
        /// Role: border_officer, investigator, analyst, victim_support, liaison_officer, auditor, admin.
        #[arg(long, default_value = "admin")]
        role: String,
        /// Agency code.
        #[arg(long)]
        agency: String,
        /// Country (ISO 3166-1 alpha-2).
        #[arg(long)]
        country: String,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
        /// Read the password from this file (first line); else from VEZA_ADMIN_PASSWORD.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// Enrol a user in the TOTP second factor (prints the secret and the
    /// otpauth URI once), or remove it with --disable.
    Totp {
        /// User name.
        #[arg(long)]
        username: String,
        /// Remove the second factor instead.
        #[arg(long)]
        disable: bool,
    },
    /// End every session of a user (lost device, compromised account).
    RevokeSessions {
        /// User name.
        #[arg(long)]
        username: String,
    },
    /// API tokens for programmatic clients.
    Token {
        /// What to do.
        #[command(subcommand)]
        command: TokenCommand,
    },
}

/// `veza admin token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue an API token for a user; it is printed once and stored only as a hash.
    Create {
        /// The user the token acts as (same role, agency and policy).
        #[arg(long)]
        username: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
        /// Days until it expires.
        #[arg(long, default_value_t = 90)]
        days: u32,
    },
    /// Revoke a token by its id.
    Revoke {
        /// Token id (from `veza admin token list`).
        #[arg(long)]
        id: i64,
    },
    /// List a user's tokens (never the tokens themselves).
    List {
        /// User name.
        #[arg(long)]
        username: String,
    },
}

/// `veza audit …`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exit 0 when intact, 4 naming the first bad entry otherwise.
    Verify,
    /// Print the current head (sequence and hash) for safekeeping elsewhere.
    Anchor,
    /// Remove entries recorded before a date (retention), keeping the rest verifiable.
    Prune {
        /// Entries recorded before this date (YYYY-MM-DD) or time (RFC 3339) go.
        #[arg(long)]
        before: String,
    },
}
