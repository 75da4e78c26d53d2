//! What the tests that compare against an external reference share: a
//! missing reference fails the test in CI and is skipped loudly elsewhere.

use std::io::Write;

/// An external reference a test needs.
pub struct Reference {
    /// The variable that, set to 1, makes a missing reference a failure.
    pub required_by: &'static str,
    /// The test, as the notice names it.
    pub test: &'static str,
    /// How to install the reference.
    pub install: &'static str,
}

impl Reference {
    /// Fails when the reference is required, else prints a notice that the
    /// test did not run because of `reason`.
    pub fn skip_or_fail(&self, reason: &str) {
        let required_by = self.required_by;
        if std::env::var(required_by).as_deref() == Ok("1") {
            panic!("{required_by}=1 but the {} cannot run: {reason}", self.test);
        }
        let banner = "!".repeat(74);
        // Written to the process's stderr directly: the test harness
        // captures `eprintln!` of passing tests, and this notice must be
        // seen.
        let _ = writeln!(
            std::io::stderr().lock(),
            "\n{banner}\n!!! SKIPPED: {} did not run: {reason}\n!!! {}\n{banner}\n",
            self.test,
            self.install
        );
    }
}
