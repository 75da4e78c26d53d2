//! The reader's panic hook, in a test binary of its own (the hook is
//! process-wide): a panic on a background thread, such as a loader or a
//! refresh, is queued for the status bar and leaves the terminal alone; a
//! panic that `mizan_store::guard` turns into an error is not even queued;
//! only a panic on the reader's own thread, which ends the process,
//! restores the terminal.

use mizan::ui::runtime::{install_reader_panic_hook, take_background_panics};
use mizan_store::guard::catch_panic;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[test]
fn background_panics_are_queued_and_only_the_readers_own_restores_the_terminal() {
    let restored = Arc::new(AtomicUsize::new(0));
    let restores = Arc::clone(&restored);
    install_reader_panic_hook(move || {
        restores.fetch_add(1, Ordering::SeqCst);
    });

    let loader = std::thread::Builder::new()
        .name("mizan-loader".into())
        .spawn(|| panic!("store row {} is unreadable", 7))
        .unwrap();
    assert!(loader.join().is_err());
    assert_eq!(restored.load(Ordering::SeqCst), 0, "the terminal stays");
    let queued = take_background_panics();
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert!(
        queued[0].starts_with("mizan-loader failed: store row 7 is unreadable (at tests/"),
        "{}",
        queued[0]
    );
    assert!(take_background_panics().is_empty(), "each is shown once");

    let caught = std::thread::spawn(|| catch_panic(|| panic!("a parser bug")))
        .join()
        .unwrap();
    assert_eq!(caught, Err("a parser bug".to_string()));
    assert!(take_background_panics().is_empty(), "caught, so not queued");

    assert!(std::panic::catch_unwind(|| panic!("the reader itself")).is_err());
    assert_eq!(restored.load(Ordering::SeqCst), 1);
    assert!(take_background_panics().is_empty());
}
