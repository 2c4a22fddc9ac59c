//! The `veza` command. Parses arguments, calls the libraries, maps errors to
//! exit codes; nothing else lives here.

mod args;
mod commands;
mod exit;

use clap::Parser;

/// mimalloc instead of the system allocator: checks, name analyses and
/// requests allocate many small, short-lived objects on several threads,
/// and glibc's malloc took a sixth to a fifth of the server's time under
/// load (HTTP checks at 10M alerts: about 1,150 per second with it, about
/// 1,860 with mimalloc, `bench/results/http-checks-2026-11-28.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = args::Cli::parse();
    let filter = std::env::var("VEZA_LOG").unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return exit::FAILURE.into();
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code.into(),
        Err(e) => {
            let code = exit::code_for(&e);
            eprintln!("error: {e:#}");
            code.into()
        }
    }
}
