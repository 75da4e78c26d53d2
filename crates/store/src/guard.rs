//! A panic in work on strangers' documents becomes an error, never a crash.
//!
//! Reading a feed or an article page runs third-party parsers (XML, JSON,
//! HTML, compression) on bytes from the network; a bug in any of them must
//! fail that one document with an error naming it, and leave the fetch,
//! the reader and the terminal as they were. [`catch_panic`] runs such work
//! behind `catch_unwind` and says, while it runs, that a panic on this
//! thread is already handled, so that the panic hook (see
//! [`quiet_caught_panics`]) does not print it over the report.

use std::any::Any;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, PanicHookInfo};

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`; a panic inside it comes back as its message.
pub fn catch_panic<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.replace(true);
    // The work's state is dropped with the panic, and nothing shared is
    // left half-changed by it: documents are parsed into values of their own.
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(work));
    GUARDED.set(outer);
    outcome.map_err(|payload| panic_message(payload.as_ref()))
}

/// Whether the current thread is inside [`catch_panic`], so that a panic
/// here will come back as an error.
pub fn is_caught_here() -> bool {
    GUARDED.get()
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// The message and place of a panic, as its hook sees it.
pub fn describe_panic(info: &PanicHookInfo<'_>) -> String {
    let message = panic_message(info.payload());
    match info.location() {
        Some(location) => format!("{message} (at {}:{})", location.file(), location.line()),
        None => message,
    }
}

/// Makes the process's panic hook stay silent for panics that
/// [`catch_panic`] turns into errors; others are reported as before.
pub fn quiet_caught_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_caught_here() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_as_its_message_and_the_guard_is_lifted() {
        let caught = catch_panic(|| -> u8 {
            assert!(is_caught_here());
            panic!("bad byte at {}", 3)
        });
        assert_eq!(caught, Err("bad byte at 3".to_string()));
        assert!(!is_caught_here());
        assert_eq!(catch_panic(|| 7), Ok(7));
    }

    #[test]
    fn nested_guards_restore_the_outer_one() {
        let outer = catch_panic(|| {
            let inner = catch_panic(|| panic!("inner"));
            (inner, is_caught_here())
        });
        assert_eq!(outer, Ok((Err("inner".to_string()), true)));
    }
}
