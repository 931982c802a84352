//! Progress of a build, reported by the stages that take time. The library only calls this
//! trait; the command line decides how to show it (a bar in a terminal, lines or nothing in CI
//! and pipes), so the stages stay free of terminal concerns.

/// Receives progress reports; every method may be called from several threads at once.
pub trait Progress: Sync {
    /// A stage starts; `total` is how many steps it has (0 when it cannot tell).
    fn stage(&self, _name: &'static str, _total: usize) {}
    /// `n` more steps of the current stage are done.
    fn advance(&self, _n: usize) {}
    /// The current stage is done.
    fn finish(&self) {}
}

/// Reports nothing (library callers and tests).
pub struct NoProgress;

impl Progress for NoProgress {}

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Builds shorter than this show no bar: it would only flicker.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A progress bar on standard error (indicatif), shown once the build has run for a second.
pub struct BarProgress {
    bar: ProgressBar,
    done: Arc<AtomicBool>,
}

impl Default for BarProgress {
    fn default() -> Self {
        BarProgress::new()
    }
}

impl BarProgress {
    pub fn new() -> BarProgress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let done = Arc::new(AtomicBool::new(false));
        let (b, d) = (bar.clone(), done.clone());
        std::thread::spawn(move || {
            std::thread::sleep(SHOW_AFTER);
            if !d.load(Ordering::Relaxed) {
                b.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        BarProgress { bar, done }
    }

    /// Removes the bar (at the end of the build, before the summary line is printed).
    pub fn clear(&self) {
        self.done.store(true, Ordering::Relaxed);
        self.bar.finish_and_clear();
    }
}

impl Progress for BarProgress {
    fn stage(&self, name: &'static str, total: usize) {
        let style = if total > 0 {
            ProgressStyle::with_template("{msg:>8} [{bar:30}] {pos}/{len} ({eta} left)")
                .map(|s| s.progress_chars("=> "))
        } else {
            ProgressStyle::with_template("{msg:>8} {spinner} {elapsed}")
        };
        if let Ok(style) = style {
            self.bar.set_style(style);
        }
        self.bar.set_message(name);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        if total == 0 {
            self.bar.enable_steady_tick(Duration::from_millis(120));
        } else {
            self.bar.disable_steady_tick();
        }
    }

    fn advance(&self, n: usize) {
        self.bar.inc(n as u64);
    }

    fn finish(&self) {
        self.bar.disable_steady_tick();
    }
}

/// One plain line per stage on standard error, for logs (CI, pipes) where a bar would be noise.
#[derive(Default)]
pub struct LineProgress {
    current: Mutex<Option<(&'static str, usize, Instant)>>,
}

impl Progress for LineProgress {
    fn stage(&self, name: &'static str, total: usize) {
        if let Ok(mut c) = self.current.lock() {
            *c = Some((name, total, Instant::now()));
        }
    }

    fn finish(&self) {
        if let Ok(mut c) = self.current.lock()
            && let Some((name, total, start)) = c.take()
        {
            let what = if total > 0 {
                format!(" {total} items")
            } else {
                String::new()
            };
            eprintln!(
                "dossier: {name}{what} done in {:.2} s",
                start.elapsed().as_secs_f64()
            );
        }
    }
}
