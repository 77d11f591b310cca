use std::time::Duration;

const DISCORD_TOKEN: &str = "MTAwMjM0MjE5NDUxNjMwMDI4OQ.cQdY1p.UPoziNtRL33HOVbp11jKgEGsKAdDcP-j9GrVdU";
const OPENROUTER_KEY: &str = "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";
const POLL: Duration = Duration::from_secs(15);

fn main() {
    let db = "postgresql://bot:5POy6h2L.5vm98UnMh@pg.bot.internal/bot";
    let api_key = std::env::var("EXTRA_API_KEY").unwrap_or_default();
    run(db, &api_key, POLL);
}
