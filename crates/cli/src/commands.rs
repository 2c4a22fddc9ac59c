//! One function per command.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use veza_io::{ExportFormat, ImportOptions, Mapping, RecordWriter};
use veza_model::UserRole;
use veza_store::{Actor, Store};

use crate::args::{
    AdminCommand, AuditCommand, Cli, Command, DemoArgs, GenerateArgs, ImportArgs, NamesCommand,
    TokenCommand,
};
use crate::exit;

/// Runs a parsed command line; returns the exit code.
pub async fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Names { command } => names(command),
        Command::Resolve(args) if args.store => {
            let store = open(&cli.data_dir, cli.database_url.as_deref()).await?;
            let actor = cli_actor("CLI", "entity resolution run");
            let report = veza_core::resolution::resolve_store(&store, &actor, args.retrain).await?;
            println!(
                "{} resolution (run {}, {}): {} records ({} new), {} candidate pairs, {} scored, \
                 {} links, {} judgements applied, {} persons ({} with several records), \
                 {} uncertain pairs for review, {:.2} s",
                report.mode,
                report.run_id,
                report.model,
                report.records,
                report.new_records,
                report.candidate_pairs,
                report.scored_pairs,
                report.links,
                report.judgements,
                report.persons,
                report.multi_record_persons,
                report.uncertain_pairs,
                report.seconds
            );
            Ok(exit::OK)
        }
        Command::Judge(args) => {
            let store = open(&cli.data_dir, cli.database_url.as_deref()).await?;
            let verdict: veza_store::PairVerdict = args.verdict.parse()?;
            let actor = cli_actor("CLI", &args.reason);
            let (pa, pb) =
                veza_core::resolution::apply_judgement(&store, &actor, &args.a, &args.b, verdict)
                    .await?;
            let show = |p: Option<String>| p.unwrap_or_else(|| "(not resolved yet)".into());
            println!(
                "{} ~ {}: {verdict}; now {} and {}",
                args.a,
                args.b,
                show(pa),
                show(pb)
            );
            Ok(exit::OK)
        }
        Command::Resolve(args) => {
            let options = veza_resolve::batch::BatchOptions {
                link_only: args.link_only,
                maps: args.map,
                fields: args.field,
            };
            let (inputs, output) = (args.inputs, args.output.unwrap_or_default());
            let summary = tokio::task::spawn_blocking(move || {
                veza_resolve::batch::resolve(&inputs, &options, &output)
            })
            .await??;
            eprintln!("{summary}");
            Ok(exit::OK)
        }
        Command::Check(args) => {
            check(
                &open(&cli.data_dir, cli.database_url.as_deref()).await?,
                args,
            )
            .await
        }
        Command::Alerts {
            command: crate::args::AlertsCommand::Import { file },
        } => {
            let store = open(&cli.data_dir, cli.database_url.as_deref()).await?;
            let actor = Actor::new(cli_actor("CLI", "").user, UserRole::LiaisonOfficer, "CLI")
                .with_reason("alerts file import");
            let n = veza_core::alerts::import_alerts(&store, &actor, &file).await?;
            println!("added {n} alerts from {}", file.display());
            Ok(exit::OK)
        }
        Command::Screen(args) => {
            let started = std::time::Instant::now();
            let summary = tokio::task::spawn_blocking(move || {
                veza_screen::batch::screen(&args.alerts, &args.queries, args.top, &args.output)
            })
            .await??;
            eprintln!("{summary} in {:.2} s", started.elapsed().as_secs_f64());
            Ok(exit::OK)
        }
        Command::Generate(args) => generate(&cli.data_dir, cli.database_url.as_deref(), args).await,
        Command::Serve(args) => {
            let store = open(&cli.data_dir, cli.database_url.as_deref()).await?;
            let config = veza_server::Config {
                secure_cookies: args.secure_cookies,
                ..Default::default()
            };
            serve(
                store,
                &cli.data_dir,
                config,
                args.listen,
                args.alerts.as_deref(),
            )
            .await
        }
        Command::Demo(args) => demo(&cli.data_dir, cli.database_url.as_deref(), args).await,
        Command::Import(args) => {
            import(
                &open(&cli.data_dir, cli.database_url.as_deref()).await?,
                args,
            )
            .await
        }
        Command::Export(args) => {
            export(
                &open(&cli.data_dir, cli.database_url.as_deref()).await?,
                &args.format,
                &args.reason,
            )
            .await
        }
        Command::Admin { command } => {
            admin(
                &open(&cli.data_dir, cli.database_url.as_deref()).await?,
                command,
            )
            .await
        }
        Command::Audit { command } => {
            audit(
                &open(&cli.data_dir, cli.database_url.as_deref()).await?,
                command,
            )
            .await
        }
    }
}

async fn open(data_dir: &Path, url: Option<&str>) -> Result<Store> {
    Ok(match url {
        Some(url) => Store::connect(url)
            .await
            .with_context(|| format!("cannot open the store at {}", veza_store::redact_url(url)))?,
        None => Store::open_data_dir(data_dir)
            .await
            .with_context(|| format!("cannot open the store in {}", data_dir.display()))?,
    })
}

/// The command line acts for the operating-system user who runs it: whoever
/// can run veza on the data directory already holds the store. The actor
/// still names them in the audit log.
fn cli_actor(agency: &str, reason: &str) -> Actor {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    Actor::new(format!("cli:{user}"), UserRole::Investigator, agency).with_reason(reason)
}

async fn serve(
    store: Store,
    data_dir: &Path,
    config: veza_server::Config,
    listen: std::net::SocketAddr,
    alerts: Option<&Path>,
) -> Result<u8> {
    let mut state = veza_server::AppState::new(store.clone());
    state.config = Arc::new(config);
    if let Some(path) = alerts {
        let actor = cli_actor("CLI", "alerts file given to serve");
        let n = veza_core::alerts::import_alerts(&store, &actor, path).await?;
        println!("added {n} alerts from {}", path.display());
    }
    let actor = cli_actor("CLI", "search keys follow the name matcher");
    if let Some(n) = veza_core::keys::ensure_current(&store, &actor).await? {
        println!(
            "search keys of {n} records recomputed for {}",
            veza_names::MATCHER_VERSION
        );
    }
    let started = std::time::Instant::now();
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let load = state.load_alerts_cached(data_dir).await?;
    println!(
        "screening border checks against {} active alerts (index {} in {:.1} s)",
        load.alerts,
        if load.from_snapshot {
            "loaded from its snapshot"
        } else {
            "built and saved"
        },
        started.elapsed().as_secs_f64()
    );
    let app = veza_server::app(state);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    println!(
        "veza is listening on http://{addr}/ (store: {:?})",
        store.backend()
    );
    tracing::info!(%addr, "serving");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    store.close().await;
    Ok(exit::OK)
}

async fn demo(data_dir: &Path, url: Option<&str>, args: DemoArgs) -> Result<u8> {
    let store = open(data_dir, url).await?;
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message(format!(
        "preparing the demo store ({} synthetic persons on first start)…",
        args.persons
    ));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let seeded = veza_core::demo::seed(&store, data_dir, args.seed, args.persons).await?;
    spinner.finish_and_clear();
    let counts = store.counts().await?;
    println!(
        "Demo store: {} person records from {} agencies (synthetic data in {}).",
        counts.records,
        counts.agencies,
        seeded.synthetic_dir.display()
    );
    if let Some(report) = &seeded.import {
        println!(
            "Loaded {} synthetic records and {} alerts now.",
            report.committed, seeded.alerts
        );
    }
    if let Some(r) = &seeded.resolution {
        println!(
            "Resolved them into {} persons ({} with several records); {} uncertain pairs wait in Match review.",
            r.persons, r.multi_record_persons, r.uncertain_pairs
        );
    }
    println!(
        "Demo accounts (password {}):",
        veza_core::demo::DEMO_PASSWORD
    );
    for (user, role, agency, _, _) in veza_core::demo::DEMO_ACCOUNTS {
        println!("  {user:<13} {:<16} {agency}", role.as_str());
    }
    if args.no_serve {
        return Ok(exit::OK);
    }
    println!("Open http://{}/ and sign in.", args.listen);
    serve(
        store,
        data_dir,
        veza_server::Config::default(),
        args.listen,
        None,
    )
    .await
}

async fn import(store: &Store, args: ImportArgs) -> Result<u8> {
    let mut opts = ImportOptions::new(args.source.clone());
    opts.mapping = Mapping::parse(&args.map).map_err(anyhow::Error::msg)?;
    opts.handling = args.handling.parse()?;
    opts.country = args.country.as_deref().map(str::parse).transpose()?;
    opts.recorded_at = veza_store::clock::now();
    let actor = cli_actor(&args.source, &args.reason);
    let name = args.file.display().to_string();
    let file = std::fs::File::open(&args.file).with_context(|| format!("cannot open {name}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    // Long imports show their progress in bytes read; off a terminal the bar hides itself.
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    let bar = indicatif::ProgressBar::new(size).with_style(style);
    let source = std::io::BufReader::with_capacity(1 << 16, bar.wrap_read(file));
    let report = if args.skip_invalid {
        let path = args
            .reject_file
            .clone()
            .unwrap_or_else(|| args.file.with_extension("rejects.csv"));
        let mut out = std::fs::File::create(&path)
            .with_context(|| format!("cannot create the reject file {}", path.display()))?;
        let mut rejects = veza_core::import::Rejects::new(&mut out);
        let report = veza_core::import::import_reader(
            store,
            &actor,
            &name,
            source,
            &opts,
            Some(&mut rejects),
        )
        .await;
        drop(rejects);
        bar.finish_and_clear();
        let report = report?;
        if report.rejected == 0 {
            let _ = std::fs::remove_file(&path);
        } else {
            eprintln!("{} rows set aside in {}", report.rejected, path.display());
        }
        report
    } else {
        let report =
            veza_core::import::import_reader(store, &actor, &name, source, &opts, None).await;
        bar.finish_and_clear();
        report?
    };
    println!(
        "imported {} records from {} (import {})",
        report.committed,
        args.file.display(),
        report.import_id
    );
    Ok(exit::OK)
}

async fn export(store: &Store, format: &str, reason: &str) -> Result<u8> {
    let format: ExportFormat = format.parse().map_err(anyhow::Error::msg)?;
    let stdout = std::io::stdout().lock();
    let mut writer = RecordWriter::new(BufWriter::new(stdout), format)?;
    let actor = cli_actor("CLI", reason);
    let result = store
        .export(&actor, |r| {
            writer
                .write(&r)
                .map_err(|e| veza_store::Error::Sink(e.to_string()))
        })
        .await;
    match result {
        Ok(_) => {}
        // A closed pipe (`veza export | head`) is not an error.
        Err(veza_store::Error::Sink(m)) if m.contains("Broken pipe") => return Ok(exit::OK),
        Err(e) => return Err(e.into()),
    }
    let mut out = writer.finish()?;
    let _ = out.flush();
    Ok(exit::OK)
}

async fn check(store: &Store, args: crate::args::CheckArgs) -> Result<u8> {
    let input = veza_core::checks::CheckInput {
        name: args.name,
        date_of_birth: args.date_of_birth,
        nationality: args.nationality,
        sex: args.sex,
        mrz: args.mrz,
        document_number: args.document_number,
        ..Default::default()
    };
    let (query, mrz) = veza_core::checks::build_query(&input).map_err(anyhow::Error::msg)?;
    let alerts = store.active_alerts().await?;
    let index = veza_screen::Index::build(alerts);
    let hits = veza_core::checks::shown(index.check(&query, args.top));
    let actor = cli_actor("CLI", "border check");
    veza_core::checks::audit_check(store, &actor, &query, &hits).await?;
    if args.json {
        println!("{}", serde_json::json!({ "mrz": mrz, "hits": hits }));
        return Ok(exit::OK);
    }
    if let Some(m) = &mrz {
        println!("MRZ: {} · document {}", m.name, m.document_number);
        for f in &m.failed_checks {
            println!("  check digit failed (possible forgery or misread): {f}");
        }
    }
    if hits.is_empty() {
        println!("no hit among {} active alerts", index.len());
    }
    for h in &hits {
        println!(
            "{}. {} {:.3}  {}",
            h.rank,
            h.alert_id,
            h.score,
            h.headline()
        );
        if !h.warning_markers.is_empty() {
            println!(
                "   warning markers: {}",
                h.warning_markers
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for line in h.explanation.to_string().lines() {
            println!("   {line}");
        }
    }
    Ok(exit::OK)
}

async fn generate(data_dir: &Path, url: Option<&str>, args: GenerateArgs) -> Result<u8> {
    let started = std::time::Instant::now();
    let config = veza_synth::Config {
        seed: args.seed,
        persons: args.persons,
    };
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message(format!("generating {} synthetic persons…", args.persons));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let out = args.out.clone();
    let stats =
        tokio::task::spawn_blocking(move || veza_synth::generate_to_dir(&config, &out)).await??;
    spinner.finish_and_clear();
    eprintln!(
        "wrote {} in {:.1} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    if args.stats {
        println!("{stats}");
    }
    if args.into_store {
        let store = open(data_dir, url).await?;
        let mut opts = ImportOptions::new("SYNTH");
        opts.recorded_at = veza_store::clock::now();
        let actor = cli_actor("SYNTH", "synthetic data");
        let report = veza_core::import::import_file(
            &store,
            &actor,
            &args.out.join("records.csv"),
            &opts,
            None,
        )
        .await?;
        eprintln!(
            "imported {} synthetic records into the store",
            report.committed
        );
    }
    Ok(exit::OK)
}

fn names(command: NamesCommand) -> Result<u8> {
    match command {
        NamesCommand::Normalize { name } => println!("{}", veza_names::normalize_report(&name)),
        NamesCommand::Score {
            pairs: Some(path), ..
        } => {
            let file = std::fs::File::open(&path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            let stdout = std::io::stdout().lock();
            veza_names::batch::score_pairs(std::io::BufReader::new(file), BufWriter::new(stdout))
                .with_context(|| path.display().to_string())?;
        }
        NamesCommand::Score {
            a: Some(a),
            b: Some(b),
            json,
            ..
        } => {
            let explanation =
                veza_names::explain(&veza_names::analyse(&a), &veza_names::analyse(&b));
            if json {
                println!("{}", serde_json::to_string_pretty(&explanation)?);
            } else {
                println!("{explanation}");
            }
        }
        NamesCommand::Score { .. } => bail!("give two names, or --pairs FILE.csv"),
    }
    Ok(exit::OK)
}

async fn admin(store: &Store, command: AdminCommand) -> Result<u8> {
    match command {
        AdminCommand::Create {
            username,
            role,
            agency,
            country,
            name,
            password_file,
        } => {
            let role: UserRole = role.parse()?;
            let country: veza_model::CountryCode = country.parse()?;
            let password = match password_file {
                Some(path) => std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                None => std::env::var("VEZA_ADMIN_PASSWORD")
                    .context("give --password-file FILE or set VEZA_ADMIN_PASSWORD")?,
            };
            let hash = veza_core::password::hash_password(&password).map_err(anyhow::Error::msg)?;
            let user = veza_store::User {
                display_name: name.unwrap_or_else(|| username.clone()),
                username,
                password_hash: hash,
                role,
                agency,
                country: country.to_string(),
                disabled: false,
                failed_logins: 0,
                locked_until: None,
                totp_secret: None,
            };
            store.create_user(&user, &cli_actor("CLI", "").user).await?;
            println!("created {} ({})", user.username, user.role);
        }
        AdminCommand::Token { command } => token(store, command).await?,
        AdminCommand::RevokeSessions { username } => {
            let n = store
                .end_sessions_of(&username, &cli_actor("CLI", "").user)
                .await?;
            println!("ended {n} sessions of {username}");
        }
        AdminCommand::Totp { username, disable } => {
            let by = cli_actor("CLI", "").user;
            let secret = (!disable).then(veza_core::totp::generate_secret);
            if !store.set_totp(&username, secret.as_deref(), &by).await? {
                bail!("no user {username}");
            }
            match secret {
                Some(s) => {
                    eprintln!(
                        "second factor enrolled for {username}; add it to an authenticator app (shown once):"
                    );
                    println!("{}", veza_core::totp::otpauth_uri(&s, &username));
                }
                None => println!("second factor removed for {username}"),
            }
        }
    }
    Ok(exit::OK)
}

async fn token(store: &Store, command: TokenCommand) -> Result<()> {
    let by = cli_actor("CLI", "").user;
    match command {
        TokenCommand::Create {
            username,
            name,
            days,
        } => {
            if store.user(&username).await?.is_none() {
                bail!("no user {username}");
            }
            let token = veza_core::password::random_token();
            let hash = veza_core::password::token_hash(&token);
            let id = store
                .create_api_token(&username, &name, &hash, i64::from(days) * 86_400, &by)
                .await?;
            eprintln!(
                "token {id} for {username}, valid {days} days; shown once, send it as 'Authorization: Bearer TOKEN':"
            );
            println!("{token}");
        }
        TokenCommand::Revoke { id } => {
            if !store.revoke_api_token(id, &by).await? {
                bail!("no live token {id}");
            }
            println!("revoked token {id}");
        }
        TokenCommand::List { username } => {
            for t in store.api_tokens(&username).await? {
                let state = t.revoked_at.map_or_else(
                    || format!("expires {}", t.expires_at),
                    |r| format!("revoked {r}"),
                );
                println!("{}\t{}\t{}\t{state}", t.id, t.name, t.created_at);
            }
        }
    }
    Ok(())
}

async fn audit(store: &Store, command: AuditCommand) -> Result<u8> {
    match command {
        AuditCommand::Verify => match store.verify_audit().await {
            Ok(head) => println!(
                "audit chain intact: {} entries, head {}",
                head.seq, head.hash
            ),
            Err(veza_store::Error::AuditBroken(e)) => {
                eprintln!("{e}");
                return Ok(exit::AUDIT_BROKEN);
            }
            Err(e) => return Err(e.into()),
        },
        AuditCommand::Prune { before } => {
            let n = store
                .prune_audit(&before, &cli_actor("CLI", "").user)
                .await?;
            println!(
                "removed {n} audit entries recorded before {before}; the chain stays verifiable from its anchor"
            );
        }
        AuditCommand::Anchor => {
            let head = store.audit_head().await?;
            println!(
                "{}",
                serde_json::json!({ "seq": head.seq, "hash": head.hash, "at": veza_store::clock::now() })
            );
        }
    }
    Ok(exit::OK)
}
